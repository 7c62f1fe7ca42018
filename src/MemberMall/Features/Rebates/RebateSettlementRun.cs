using MemberMall.Infrastructure;
using MemberMall.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Rebates;

/// <summary>
/// The settlement run's work for one period, a batch of members at a time: each batch is one transaction that
/// locks the members' rebate accounts in member order, skips members who already have the period's statement,
/// and credits the rest one statement each. Memory stays flat (one batch at a time). On PostgreSQL a batch is
/// written with a handful of set-based statements; elsewhere member by member through <see cref="RebateService"/>.
/// </summary>
public sealed class RebateSettlementRun(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<RebateSettlementRun> logger)
{
    public async Task<int> RunAsync(DateOnly periodStart, DateOnly periodEnd, TimeZoneInfo zone, CancellationToken ct)
    {
        var end = periodEnd.ToDateTime(TimeOnly.MinValue);
        var cutoff = new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
        var statements = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var members = (await Due(db, periodStart, cutoff).Select(a => a.MemberId).Take(Math.Max(1, options.Value.BatchSize)).ToListAsync(ct)).Distinct().Order().ToArray();
            if (members.Length == 0) return statements;
            await using var tx = await db.BeginWorkAsync(ct);
            var done = 0;
            if (db.IsPostgres) done = await SettleInBulkAsync(db, members, periodStart, periodEnd, cutoff, ct);
            else
            {
                var service = scope.ServiceProvider.GetRequiredService<RebateService>();
                foreach (var member in members)
                    if (await service.SettleAsync(member, periodStart, periodEnd, ct) is not null) done++;
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            // A batch that changed nothing would be picked again: stop and leave it to the next run.
            if (done == 0) return statements;
            statements += done;
            logger.LogDebug("Settled {Statements} statements for {Members} members", done, members.Length);
        }
    }

    /// <summary>Held accruals of the period whose member has no statement for it yet.</summary>
    private static IQueryable<RebateAccrual> Due(MallDb db, DateOnly periodStart, DateTimeOffset cutoff) =>
        db.RebateAccruals.Where(a => a.Status == AccrualStatus.Held && a.AvailableAt < cutoff
                                     && !db.RebateStatements.Any(s => s.MemberId == a.MemberId && s.PeriodStart == periodStart));

    /// <summary>
    /// Locks the members' rebate accounts in member order, then writes the batch's statements with set-based
    /// statements. SQLite needs no row lock: its transactions begin with the single write lock.
    /// </summary>
    private async Task<int> SettleInBulkAsync(MallDb db, Guid[] members, DateOnly periodStart, DateOnly periodEnd, DateTimeOffset cutoff, CancellationToken ct)
    {
        var accounts = await db.RebateAccounts
            .FromSql($"SELECT * FROM rebate_accounts WHERE member_id = ANY({members}) ORDER BY member_id FOR UPDATE")
            .AsNoTracking().ToDictionaryAsync(a => a.MemberId, ct);
        var accruals = await Due(db, periodStart, cutoff).AsNoTracking().Where(a => members.Contains(a.MemberId))
            .Select(a => new { a.Id, a.MemberId, Net = a.AmountFen - a.ClawedBackFen }).ToListAsync(ct);
        if (accruals.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var statements = accruals.GroupBy(a => a.MemberId).OrderBy(g => g.Key).Select(g =>
        {
            var account = accounts.GetValueOrDefault(g.Key) ?? throw new InvalidOperationException($"Member {g.Key} has rebate accruals but no rebate account.");
            var amount = g.Sum(a => a.Net);
            if (account.PendingFen < amount) throw new InvalidOperationException($"Pending rebates of member {g.Key} do not cover the period's statement.");
            return (Id: Guid.CreateVersion7(), MemberId: g.Key, Amount: amount, Lines: g.Count(), AvailableAfter: account.AvailableFen + amount, Accruals: g.Select(a => a.Id));
        }).ToList();

        var ids = statements.Select(s => s.Id).ToArray();
        var statementMembers = statements.Select(s => s.MemberId).ToArray();
        var amounts = statements.Select(s => s.Amount).ToArray();
        var lines = statements.Select(s => s.Lines).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rebate_statements (id, member_id, period_start, period_end, amount_fen, lines, created_at)
            SELECT s.id, s.member_id, {periodStart}, {periodEnd}, s.amount, s.lines, {now}
            FROM unnest({ids}, {statementMembers}, {amounts}, {lines}) AS s(id, member_id, amount, lines)
            """, ct);

        var accrualIds = statements.SelectMany(s => s.Accruals).ToArray();
        var accrualStatements = statements.SelectMany(s => s.Accruals.Select(_ => s.Id)).ToArray();
        var credited = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE rebate_accruals AS a SET status = 'Credited', credited_at = {now}, statement_id = v.statement_id
            FROM unnest({accrualIds}, {accrualStatements}) AS v(id, statement_id)
            WHERE a.id = v.id AND a.status = 'Held'
            """, ct);
        if (credited != accrualIds.Length) throw new InvalidOperationException("A held accrual changed under the account lock.");

        var moving = statements.Where(s => s.Amount > 0).ToList();
        if (moving.Count == 0) return statements.Count;
        var entryIds = moving.Select(_ => Guid.CreateVersion7()).ToArray();
        var entryMembers = moving.Select(s => s.MemberId).ToArray();
        var entryAmounts = moving.Select(s => s.Amount).ToArray();
        var afters = moving.Select(s => s.AvailableAfter).ToArray();
        var sources = moving.Select(s => s.Id.ToString()).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rebate_entries (id, member_id, kind, pending_change, available_change, frozen_change, available_after, source_type, source_id, rule, created_at)
            SELECT e.id, e.member_id, 'Release', -e.amount, e.amount, 0, e.after, 'statement', e.source_id, 'settle', {now}
            FROM unnest({entryIds}, {entryMembers}, {entryAmounts}, {afters}, {sources}) AS e(id, member_id, amount, after, source_id)
            """, ct);
        var moved = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE rebate_accounts AS a SET pending_fen = a.pending_fen - v.amount, available_fen = a.available_fen + v.amount
            FROM unnest({entryMembers}, {entryAmounts}) AS v(member_id, amount)
            WHERE a.member_id = v.member_id AND a.pending_fen >= v.amount
            """, ct);
        if (moved != moving.Count) throw new InvalidOperationException("A rebate account does not cover its statement.");
        return statements.Count;
    }
}
