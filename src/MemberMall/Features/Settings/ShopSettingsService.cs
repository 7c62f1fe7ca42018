using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Settings;

public sealed record SettingsView(string Name, string Currency, string TimeZone, string DefaultCulture, DateTimeOffset UpdatedAt,
    decimal Freight, decimal FreeShippingOver, int UnpaidCancelMinutes, int AutoCompleteDays, decimal ReviewOver);

public sealed record SettingsUpdate(
    [property: Required, StringLength(100)] string Name,
    [property: Required, StringLength(3)] string Currency,
    [property: Required, StringLength(64)] string TimeZone,
    [property: Required, StringLength(10)] string DefaultCulture,
    [property: Range(0, 10_000)] decimal? Freight = null,
    [property: Range(0, 1_000_000)] decimal? FreeShippingOver = null,
    int? UnpaidCancelMinutes = null,
    int? AutoCompleteDays = null,
    [property: Range(0.01, 100_000_000)] decimal? ReviewOver = null);

/// <summary>Reads the shop settings (cached; they change rarely) and lets an admin change them.</summary>
public sealed class ShopSettingsService(MallDb db, IMemoryCache cache, TimeProvider clock, AuditLog audit)
{
    private const string CacheKey = "shop-settings";

    public async Task<ShopSettings> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.ShopSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new ShopSettings();
        }))!;

    public static SettingsView View(ShopSettings s) => new(s.Name, s.Currency, s.TimeZone, s.DefaultCulture, s.UpdatedAt,
        Money.ToYuan(s.FlatFreightFen), Money.ToYuan(s.FreeShippingOverFen), s.UnpaidCancelMinutes, s.AutoCompleteDays, Money.ToYuan(s.ReviewOverFen));

    public async Task<SettingsView> UpdateAsync(SettingsUpdate update, Actor actor, CancellationToken ct)
    {
        var row = await db.ShopSettings.SingleOrDefaultAsync(ct);
        if (row is null) db.ShopSettings.Add(row = new ShopSettings());
        var before = View(row);
        var now = clock.GetUtcNow();
        row.Update(update.Name, update.Currency, update.TimeZone, update.DefaultCulture, now);
        row.SetOrderRules(
            update.Freight is { } f ? Money.FromYuan(f).Minor : row.FlatFreightFen,
            update.FreeShippingOver is { } o ? Money.FromYuan(o).Minor : row.FreeShippingOverFen,
            update.UnpaidCancelMinutes ?? row.UnpaidCancelMinutes,
            update.AutoCompleteDays ?? row.AutoCompleteDays,
            update.ReviewOver is { } r ? Money.FromYuan(r).Minor : row.ReviewOverFen, now);
        audit.Record(actor, "settings.update", "shop_settings", row.Id.ToString(), before, View(row));
        await db.SaveChangesAsync(ct);
        cache.Remove(CacheKey);
        return View(row);
    }
}
