using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Outbox;

/// <summary>The one outbox statement that differs by database: claiming the next rows to dispatch.</summary>
public static class OutboxSql
{
    /// <summary>
    /// Leases up to <paramref name="batch"/> unprocessed rows whose lease is free or past, oldest first, to
    /// <paramref name="owner"/> until <paramref name="until"/>, in a statement of its own, and answers their ids.
    /// On PostgreSQL <c>FOR UPDATE SKIP LOCKED</c> lets a second dispatcher take the next rows instead of waiting for
    /// (and then re-leasing) the first one's. SQLite has one writer at a time, so the plain update is enough there.
    /// </summary>
    public static async Task<List<Guid>> ClaimAsync(MallDb db, string owner, DateTimeOffset now, DateTimeOffset until, int batch, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var claimed = await db.Database.SqlQuery<Guid>($"""
                UPDATE outbox SET lease_owner = {owner}, lease_until = {until}
                WHERE id IN (SELECT id FROM outbox WHERE processed_at IS NULL AND (lease_until IS NULL OR lease_until < {now})
                             ORDER BY id LIMIT {batch} FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            // RETURNING follows no order; callers hand the rows over oldest first.
            claimed.Sort(SequentialIds.Compare);
            return claimed;
        }

        await db.OutboxMessages.Where(m => m.ProcessedAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.Id).Take(batch)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseUntil, until), ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null && m.LeaseOwner == owner)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
    }
}
