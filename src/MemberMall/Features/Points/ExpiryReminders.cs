using MemberMall.Features.Jobs;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

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
