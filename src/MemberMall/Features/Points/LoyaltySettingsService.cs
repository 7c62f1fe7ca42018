using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Points;

/// <summary>Reads the points rules (cached briefly; they change rarely).</summary>
public sealed class LoyaltySettingsService(MallDb db, IMemoryCache cache)
{
    private const string CacheKey = "loyalty-settings";

    public async Task<LoyaltySettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new LoyaltySettings();
        }))!;

    public void Forget() => cache.Remove(CacheKey);
}
