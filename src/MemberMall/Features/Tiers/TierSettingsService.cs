using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Tiers;

/// <summary>Reads the downgrade policy (cached briefly; a change made here drops the cached copy at once).</summary>
public sealed class TierSettingsService(MallDb db, IMemoryCache cache)
{
    private const string CacheKey = "tier-settings";

    public async Task<TierSettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Set<TierSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new TierSettings();
        }))!;

    /// <summary>The row to change, tracked (added when the shop still runs on the defaults); the caller saves, then calls <see cref="Forget"/>.</summary>
    public async Task<TierSettings> EditAsync(CancellationToken ct)
    {
        var row = await db.Set<TierSettings>().SingleOrDefaultAsync(ct);
        if (row is null) db.Add(row = new TierSettings());
        return row;
    }

    public void Forget() => cache.Remove(CacheKey);
}
