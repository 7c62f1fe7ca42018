using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

/// <summary>
/// The expiry job's work, a batch of members at a time: each batch is one transaction that first locks the
/// members' points accounts in member order (the lock every points change takes first), then re-reads their due
/// lots, so a lot that a second runner or a live request got to first is never expired twice. Memory stays flat:
/// one batch is in memory at a time. On PostgreSQL a batch is written with a handful of set-based statements;
/// elsewhere through the ledger, lot by lot.
/// </summary>
public sealed class PointsExpiryRun(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PointsExpiryRun> logger)
{
    public const int BatchLots = 5_000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        // Walks the (status, expiry) index forward, so no batch rescans the entries that earlier batches left dead.
        var from = DateTimeOffset.MinValue;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var next = await Due(db, now).Where(l => l.ExpiresAt >= from).OrderBy(l => l.ExpiresAt)
                .Select(l => new { l.MemberId, ExpiresAt = l.ExpiresAt!.Value }).Take(BatchLots).ToListAsync(ct);
            if (next.Count == 0) return expired;
            var members = next.Select(l => l.MemberId).Distinct().Order().ToArray();
            from = next[^1].ExpiresAt;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var accounts = await PointsAccountLocks.LockAsync(db, members, ct);
            var done = db.IsPostgres
                ? await ExpireInBulkAsync(db, members, accounts, now, ct)
                : await ExpireOneByOneAsync(db, scope.ServiceProvider.GetRequiredService<PointsLedger>(), members, now, ct);
            await tx.CommitAsync(ct);
            // A batch that changed nothing would be picked again: stop and leave it to the next run.
            if (done == 0) return expired;
            expired += done;
            logger.LogDebug("Expired {Lots} lots of {Members} members", done, members.Length);
        }
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

    private static async Task<int> ExpireInBulkAsync(MallDb db, Guid[] members, Dictionary<Guid, PointsAccount> accounts, DateTimeOffset now, CancellationToken ct)
    {
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
        var createdAt = now;
        var actor = Actor.System.Name;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO points_entries (id, member_id, kind, available_change, pending_change, available_after, pending_after,
                                        source_type, source_id, rule, actor_name, created_at, expires_at)
            SELECT e.id, e.member_id, 'Expire', e.change, 0, e.after, e.pending, 'lot', e.source_id, 'expire', {actor}, {createdAt}, e.expires_at
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

/// <summary>Locks members' points accounts for a batch job, always in member order so two runners cannot deadlock.</summary>
public static class PointsAccountLocks
{
    public static async Task<Dictionary<Guid, PointsAccount>> LockAsync(MallDb db, Guid[] members, CancellationToken ct)
    {
        var query = db.IsPostgres
            ? db.PointsAccounts.FromSql($"SELECT * FROM points_accounts WHERE member_id = ANY({members}) ORDER BY member_id FOR UPDATE")
            : db.PointsAccounts.Where(a => members.Contains(a.MemberId));
        return await query.AsNoTracking().ToDictionaryAsync(a => a.MemberId, ct);
    }
}
