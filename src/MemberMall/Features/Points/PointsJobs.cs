using MemberMall.Common;
using MemberMall.Features.Jobs;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

/// <summary>Pending points whose return window has closed become available.</summary>
public sealed class ReleasePendingPoints : IJob
{
    public string Name => "points.release";
    public string Description => "Make pending points available once the return window has closed";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        LotJob.EachAsync(services, (db, now) => db.PointsLots.Where(l => l.Status == LotStatus.Pending && l.AvailableAt != null && l.AvailableAt <= now),
            async (sp, lot, ct2) =>
            {
                var rules = await sp.GetRequiredService<PointsSettingsService>().GetAsync(ct2);
                var zone = (await sp.GetRequiredService<ShopSettingsService>().GetAsync(ct2)).Zone;
                await sp.GetRequiredService<PointsLedger>().ReleaseAsync(lot, rules.ExpiresAt(lot.AvailableAt!.Value, zone), Actor.System, ct2);
            }, ct);
}

/// <summary>Lots past their expiry lose what is left in them. Running it twice expires nothing twice.</summary>
public sealed class ExpirePoints : IJob
{
    public string Name => "points.expire";
    public string Description => "Expire points lots past their expiry date";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<PointsExpiryRun>().RunAsync(ct);
}

internal static class LotJob
{
    private const int Batch = 500;

    /// <summary>Handles each due lot in its own transaction; a lot another runner got to first is skipped.</summary>
    public static async Task<int> EachAsync(IServiceProvider services, Func<MallDb, DateTimeOffset, IQueryable<PointsLot>> due,
        Func<IServiceProvider, PointsLot, CancellationToken, Task> handle, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var done = 0;
        var skipped = new HashSet<Guid>();
        List<Guid> ids;
        do
        {
            await using (var read = scopes.CreateAsyncScope())
                ids = await due(read.ServiceProvider.GetRequiredService<MallDb>(), now).Where(l => !skipped.Contains(l.Id))
                    .OrderBy(l => l.Id).Select(l => l.Id).Take(Batch).ToListAsync(ct);
            foreach (var id in ids)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MallDb>();
                try
                {
                    await using var tx = await db.BeginWorkAsync(ct);
                    var lot = await db.PointsLots.SingleAsync(l => l.Id == id, ct);
                    await handle(scope.ServiceProvider, lot, ct);
                    await tx.SaveAndCommitAsync(ct);
                    done++;
                }
                catch (DbUpdateException)
                {
                    skipped.Add(id);
                }
            }
        } while (ids.Count == Batch);
        return done;
    }
}

/// <summary>Raises a <c>points.expiring</c> event per lot that expires within the reminder window (for SMS, push or webhooks).</summary>
public sealed class RemindExpiringPoints : IJob
{
    public string Name => "points.remind";
    public string Description => "Tell members about points that expire soon (one event per lot)";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var days = (await services.GetRequiredService<PointsSettingsService>().GetAsync(ct)).ExpiryReminderDays;
        var horizon = now.AddDays(days);
        var done = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var lots = await db.PointsLots.Where(l => l.Status == LotStatus.Available && l.Remaining > 0 && l.RemindedAt == null && l.ExpiresAt != null
                                                      && l.ExpiresAt > now && l.ExpiresAt <= horizon).OrderBy(l => l.Id).Take(500).ToListAsync(ct);
            if (lots.Count == 0) return done;
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox.Outbox>();
            foreach (var lot in lots)
            {
                lot.MarkReminded(now);
                outbox.Add("points.expiring", lot.MemberId, new { memberId = lot.MemberId, points = lot.Remaining, expiresAt = lot.ExpiresAt });
            }
            // Two runners at once may both remind a lot: a reminder is a courtesy, sent at least once.
            await db.SaveChangesAsync(ct);
            done += lots.Count;
        }
    }
}
