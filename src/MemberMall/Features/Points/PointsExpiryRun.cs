using MemberMall.Common;
using MemberMall.Infrastructure;
using MemberMall.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Points;

/// <summary>
/// The expiry job's work, a batch of members at a time: each batch is one transaction that first locks the
/// members' points accounts in member order (the lock every points change takes first), then re-reads their due
/// lots, so a lot that a second runner or a live request got to first is never expired twice. Memory stays flat:
/// a few batches are in memory at a time. On PostgreSQL a batch is written with a handful of set-based statements,
/// and <see cref="JobOptions.ParallelBatches"/> batches run at once (a member in two of them waits on the lock, then
/// finds nothing left); elsewhere through the ledger, lot by lot, one batch at a time.
/// </summary>
public sealed class PointsExpiryRun(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<PointsExpiryRun> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var size = Math.Max(1, options.Value.BatchSize);
        var expired = 0;
        var running = new List<Task<int>>();
        // Walks the index of available lots by expiry forward, so no read rescans what earlier batches left behind.
        var from = DateTimeOffset.MinValue;
        await using var readScope = scopes.CreateAsyncScope();
        var reader = readScope.ServiceProvider.GetRequiredService<MallDb>();
        var parallel = reader.IsPostgres ? Math.Max(1, options.Value.ParallelBatches) : 1;
        try
        {
            while (true)
            {
                var next = await Due(reader, now).AsNoTracking().Where(l => l.ExpiresAt >= from).OrderBy(l => l.ExpiresAt)
                    .Select(l => new { l.MemberId, ExpiresAt = l.ExpiresAt!.Value }).Take(size).ToListAsync(ct);
                if (next.Count == 0) break;
                from = next[^1].ExpiresAt;
                if (running.Count >= parallel)
                {
                    var finished = await Task.WhenAny(running);
                    running.Remove(finished);
                    expired += await finished;
                }
                running.Add(ExpireBatchAsync(next.Select(l => l.MemberId).Distinct().Order().ToArray(), now, ct));
                // A batch that is all one expiry instant does not move the walk on: the next read would hand out the
                // same lots until this batch commits. Wait for it; if it changed nothing, leave the rest to the next run.
                if (next[0].ExpiresAt == from || parallel == 1)
                {
                    var done = (await Task.WhenAll(running)).Sum();
                    running.Clear();
                    expired += done;
                    if (done == 0) break;
                }
            }
        }
        finally
        {
            expired += (await Task.WhenAll(running)).Sum();
        }
        return expired;
    }

    private async Task<int> ExpireBatchAsync(Guid[] members, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        await using var tx = await db.BeginWorkAsync(ct);
        var done = db.IsPostgres
            ? await ExpireInBulkAsync(db, members, now, ct)
            : await ExpireOneByOneAsync(db, scope.ServiceProvider.GetRequiredService<PointsLedger>(), members, now, ct);
        await tx.CommitAsync(ct);
        logger.LogDebug("Expired {Lots} lots of {Members} members", done, members.Length);
        return done;
    }

    private static IQueryable<PointsLot> Due(MallDb db, DateTimeOffset now) =>
        db.PointsLots.Where(l => l.Status == LotStatus.Available && l.ExpiresAt != null && l.ExpiresAt <= now);

    private static async Task<int> ExpireOneByOneAsync(MallDb db, PointsLedger ledger, Guid[] members, DateTimeOffset now, CancellationToken ct)
    {
        var lots = await Due(db, now).Where(l => members.Contains(l.MemberId)).OrderBy(l => l.MemberId).ThenBy(l => l.ExpiresAt).ThenBy(l => l.Id).ToListAsync(ct);
        foreach (var lot in lots) await ledger.ExpireAsync(lot, ct);
        await db.SaveChangesAsync(ct);
        return lots.Count;
    }

    /// <summary>
    /// Locks the members' accounts in member order (two runners or two batches cannot deadlock), then expires their due
    /// lots with set-based statements. SQLite needs no row lock: its transactions begin with the single write lock.
    /// </summary>
    private static async Task<int> ExpireInBulkAsync(MallDb db, Guid[] members, DateTimeOffset now, CancellationToken ct)
    {
        var accounts = await db.PointsAccounts
            .FromSql($"SELECT * FROM points_accounts WHERE member_id = ANY({members}) ORDER BY member_id FOR UPDATE")
            .AsNoTracking().ToDictionaryAsync(a => a.MemberId, ct);
        var lots = await Due(db, now).AsNoTracking().Where(l => members.Contains(l.MemberId))
            .OrderBy(l => l.MemberId).ThenBy(l => l.ExpiresAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.MemberId, l.Remaining, ExpiresAt = l.ExpiresAt!.Value }).ToListAsync(ct);
        if (lots.Count == 0) return 0;

        // The entries, each with the balance after it, in the order the per-lot path would write them.
        var entries = new List<(Guid Id, Guid MemberId, Guid LotId, long Points, long AvailableAfter, long PendingAfter, DateTimeOffset ExpiresAt)>();
        var taken = new Dictionary<Guid, long>();
        foreach (var lot in lots.Where(l => l.Remaining > 0))
        {
            var account = accounts.GetValueOrDefault(lot.MemberId)
                ?? throw new InvalidOperationException($"Member {lot.MemberId} has points lots but no points account.");
            var after = account.Available - taken.GetValueOrDefault(lot.MemberId) - lot.Remaining;
            if (after < 0) throw new InvalidOperationException($"The account of member {lot.MemberId} does not cover lot {lot.Id}.");
            taken[lot.MemberId] = taken.GetValueOrDefault(lot.MemberId) + lot.Remaining;
            entries.Add((Guid.CreateVersion7(), lot.MemberId, lot.Id, lot.Remaining, after, account.Pending, lot.ExpiresAt));
        }

        var lotIds = lots.Select(l => l.Id).ToArray();
        var updated = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE points_lots SET remaining = 0, status = 'Expired' WHERE id = ANY({lotIds}) AND status = 'Available'", ct);
        if (updated != lotIds.Length) throw new InvalidOperationException("A due lot changed under the account lock.");
        if (entries.Count == 0) return lots.Count;

        var ids = entries.Select(e => e.Id).ToArray();
        var entryMembers = entries.Select(e => e.MemberId).ToArray();
        var changes = entries.Select(e => -e.Points).ToArray();
        var afters = entries.Select(e => e.AvailableAfter).ToArray();
        var pendings = entries.Select(e => e.PendingAfter).ToArray();
        var sources = entries.Select(e => e.LotId.ToString()).ToArray();
        var expiries = entries.Select(e => e.ExpiresAt).ToArray();
        var actor = Actor.System.Name;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO points_entries (id, member_id, kind, available_change, pending_change, available_after, pending_after,
                                        source_type, source_id, rule, actor_name, created_at, expires_at)
            SELECT e.id, e.member_id, 'Expire', e.change, 0, e.after, e.pending, 'lot', e.source_id, 'expire', {actor}, {now}, e.expires_at
            FROM unnest({ids}, {entryMembers}, {changes}, {afters}, {pendings}, {sources}, {expiries})
                 AS e(id, member_id, change, after, pending, source_id, expires_at)
            """, ct);

        var drawIds = entries.Select(_ => Guid.CreateVersion7()).ToArray();
        var drawLots = entries.Select(e => e.LotId).ToArray();
        var drawPoints = entries.Select(e => e.Points).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO points_lot_draws (id, entry_id, lot_id, points) SELECT * FROM unnest({drawIds}, {ids}, {drawLots}, {drawPoints})", ct);

        var accountIds = taken.Keys.ToArray();
        var amounts = accountIds.Select(m => taken[m]).ToArray();
        var debited = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE points_accounts AS a SET available = a.available - v.points
            FROM unnest({accountIds}, {amounts}) AS v(member_id, points)
            WHERE a.member_id = v.member_id AND a.available >= v.points
            """, ct);
        if (debited != accountIds.Length) throw new InvalidOperationException("A points account does not cover its expiring lots.");
        return lots.Count;
    }
}
