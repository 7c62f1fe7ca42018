using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Rebates;

/// <summary>Reads the rebate settings (cached briefly; a change through <see cref="RebateAdmin"/> drops the cached copy at once).</summary>
public sealed class RebateSettingsService(MallDb db, IMemoryCache cache)
{
    private const string CacheKey = "rebate-settings";

    public async Task<RebateSettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.Set<RebateSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new RebateSettings();
        }))!;

    /// <summary>The row to change, tracked (added when the shop still runs on the defaults); the caller saves, then calls <see cref="Forget"/>.</summary>
    public async Task<RebateSettings> EditAsync(CancellationToken ct)
    {
        var row = await db.Set<RebateSettings>().SingleOrDefaultAsync(ct);
        if (row is null) db.Add(row = new RebateSettings());
        return row;
    }

    public void Forget() => cache.Remove(CacheKey);
}
