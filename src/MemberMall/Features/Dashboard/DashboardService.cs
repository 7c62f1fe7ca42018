using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Catalog;
using MemberMall.Features.Orders;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Dashboard;

public sealed record DashboardCounts(int Members, int NewMembersLast7Days, int ActiveStaff, int Products, int OrdersToday, decimal PaidToday,
    int AwaitingShipment, int OpenAfterSales, int LowStock);

/// <summary>The admin home page's figures, counted from the tables as they are now. "Today" is the shop's day, in its time zone.</summary>
public sealed class DashboardService(MallDb db, ShopSettingsService settings, TimeProvider clock)
{
    public static readonly TimeSpan NewMemberWindow = TimeSpan.FromDays(7);

    public async Task<DashboardCounts> CountsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - NewMemberWindow;
        var zone = (await settings.GetAsync(ct)).Zone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var dayStart = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        var paidToday = await db.Orders.Where(o => o.PaidAt >= dayStart).Select(o => o.PaidFen).ToListAsync(ct);
        return new DashboardCounts(
            await db.Members.CountAsync(ct),
            await db.Members.CountAsync(m => m.RegisteredAt >= since, ct),
            await db.Users.CountAsync(a => a.Kind == AccountKind.Staff && a.DisabledAt == null, ct),
            await db.Products.CountAsync(ct),
            await db.Orders.CountAsync(o => o.CreatedAt >= dayStart, ct),
            Money.ToYuan(paidToday.Sum()),
            await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid, ct),
            await db.AfterSalesRequests.CountAsync(a => AfterSalesRequest.OpenStatuses.Contains(a.Status), ct),
            await db.Products.CountAsync(p => p.Stock < p.LowStockThreshold && p.Status != ProductStatus.Delisted, ct));
    }
}
