using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Engagement;

/// <summary>Reads the check-in and referral rewards (cached briefly; a change made here drops the cached copy at once).</summary>
public sealed class EngagementSettingsService(MallDb db, IMemoryCache cache)
{
    private const string CacheKey = "engagement-settings";

    public async Task<EngagementSettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Set<EngagementSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new EngagementSettings();
        }))!;

    /// <summary>The row to change, tracked (added when the shop still runs on the defaults); the caller saves, then calls <see cref="Forget"/>.</summary>
    public async Task<EngagementSettings> EditAsync(CancellationToken ct)
    {
        var row = await db.Set<EngagementSettings>().SingleOrDefaultAsync(ct);
        if (row is null) db.Add(row = new EngagementSettings());
        return row;
    }

    public void Forget() => cache.Remove(CacheKey);
}
