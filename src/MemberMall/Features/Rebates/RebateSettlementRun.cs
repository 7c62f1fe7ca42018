using MemberMall.Infrastructure;
using MemberMall.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Rebates;

/// <summary>
/// The settlement run's work for one period, a batch of members at a time: each batch is one transaction that
/// settles its members one after the other through <see cref="RebateService.SettleAsync"/> (members who already have
/// the period's statement are skipped) and saves them together. Memory stays flat (one batch at a time).
/// </summary>
public sealed class RebateSettlementRun(IServiceScopeFactory scopes, IOptions<JobOptions> options, ILogger<RebateSettlementRun> logger)
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
            var service = scope.ServiceProvider.GetRequiredService<RebateService>();
            foreach (var member in members)
                if (await service.SettleAsync(member, periodStart, periodEnd, ct) is not null) done++;
            await tx.SaveAndCommitAsync(ct);
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
}
