using MemberMall.Infrastructure;
using MemberMall.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Points;

/// <summary>
/// The expiry job's work, a batch of members at a time: each batch is one transaction that reads the members' points
/// accounts and due lots tracked, expires each lot through the ledger in memory and saves it all at once. The accounts'
/// and lots' concurrency tokens make the save fail whole when a live request changed one of them since the read; the
/// batch is then read and expired again. Memory stays flat: one batch is in memory at a time.
/// </summary>
public sealed class PointsExpiryRun(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<PointsExpiryRun> logger)
{
    /// <summary>
    /// Each try that loses to a concurrent change lost to a commit of the other side (a live request, or a second runner
    /// walking the same members), so a few tries always get through; a second runner then finds the batch done.
    /// </summary>
    private const int Attempts = 10;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var size = Math.Max(1, options.Value.BatchSize);
        var expired = 0;
        // Walks the index of available lots by expiry forward, so no read rescans what earlier batches left behind.
        var from = DateTimeOffset.MinValue;
        await using var readScope = scopes.CreateAsyncScope();
        var reader = readScope.ServiceProvider.GetRequiredService<MallDb>();
        while (true)
        {
            var next = await Due(reader, now).AsNoTracking().Where(l => l.ExpiresAt >= from).OrderBy(l => l.ExpiresAt)
                .Select(l => new { l.MemberId, ExpiresAt = l.ExpiresAt!.Value }).Take(size).ToListAsync(ct);
            if (next.Count == 0) break;
            from = next[^1].ExpiresAt;
            var done = await ExpireBatchAsync(next.Select(l => l.MemberId).Distinct().Order().ToArray(), now, ct);
            expired += done;
            // A batch that changed nothing would be read again: leave the rest to the next run.
            if (done == 0) break;
        }
        return expired;
    }

    private async Task<int> ExpireBatchAsync(Guid[] members, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            try
            {
                await using var tx = await db.BeginWorkAsync(ct);
                var accounts = await db.PointsAccounts.Where(a => members.Contains(a.MemberId)).ToDictionaryAsync(a => a.MemberId, ct);
                var lots = await Due(db, now).Where(l => members.Contains(l.MemberId))
                    .OrderBy(l => l.MemberId).ThenBy(l => l.ExpiresAt).ThenBy(l => l.Id).ToListAsync(ct);
                foreach (var lot in lots)
                {
                    var account = accounts.GetValueOrDefault(lot.MemberId)
                        ?? throw new InvalidOperationException($"Member {lot.MemberId} has points lots but no points account.");
                    ledger.Expire(account, lot);
                }
                await tx.SaveAndCommitAsync(ct);
                logger.LogDebug("Expired {Lots} lots of {Members} members", lots.Count, members.Length);
                return lots.Count;
            }
            // A runner that read a lot before another committed its expiry fails on the lot's token, on the entry's unique
            // key (source lot, rule expire), or as a deadlock victim, whichever row its save reaches first.
            catch (Exception e) when (attempt < Attempts && (e is DbUpdateConcurrencyException || e.LostToAnother() is not null
                                                             || e is DbUpdateException { } u && u.UniqueViolation() is not null))
            {
                logger.LogInformation("An expiry batch of {Members} members met a concurrent change; reading it again", members.Length);
            }
        }
    }

    private static IQueryable<PointsLot> Due(MallDb db, DateTimeOffset now) =>
        db.PointsLots.Where(l => l.Status == LotStatus.Available && l.ExpiresAt != null && l.ExpiresAt <= now);
}
