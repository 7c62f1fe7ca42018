using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Points;

/// <summary>The per-category and per-product earning rates and the multiplier campaigns that have not ended.</summary>
public sealed record EarningRules(IReadOnlyList<PointsRule> Rules, IReadOnlyList<PointsCampaign> Campaigns);

/// <summary>
/// Reads the points settings, earning rates and campaigns (cached briefly; they change rarely, and staff changes
/// through <see cref="PointsAdmin"/> drop the cached copy at once).
/// </summary>
public sealed class PointsSettingsService(MallDb db, IMemoryCache cache, TimeProvider clock)
{
    private const string CacheKey = "points-settings";
    private const string EarningKey = "points-earning";

    public async Task<PointsSettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Set<PointsSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new PointsSettings();
        }))!;

    /// <summary>Every rate rule, and the campaigns that end after the moment they were read; callers check the dates.</summary>
    public async Task<EarningRules> EarningAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(EarningKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var now = clock.GetUtcNow();
            return new EarningRules(
                await db.PointsRules.AsNoTracking().ToListAsync(ct),
                await db.PointsCampaigns.AsNoTracking().Where(c => c.EndsAt > now).ToListAsync(ct));
        }))!;

    /// <summary>The row to change, tracked (added when the shop still runs on the defaults); the caller saves, then calls <see cref="Forget"/>.</summary>
    public async Task<PointsSettings> EditAsync(CancellationToken ct)
    {
        var row = await db.Set<PointsSettings>().SingleOrDefaultAsync(ct);
        if (row is null) db.Add(row = new PointsSettings());
        return row;
    }

    public void Forget()
    {
        cache.Remove(CacheKey);
        cache.Remove(EarningKey);
    }
}
