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
public sealed class LoyaltySettingsService(MallDb db, IMemoryCache cache, TimeProvider clock)
{
    private const string CacheKey = "loyalty-settings";
    private const string EarningKey = "loyalty-earning";

    public async Task<LoyaltySettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new LoyaltySettings();
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

    public void Forget()
    {
        cache.Remove(CacheKey);
        cache.Remove(EarningKey);
    }
}
