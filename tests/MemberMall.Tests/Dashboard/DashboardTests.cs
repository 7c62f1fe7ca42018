using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MemberMall.Features.Dashboard;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Dashboard;

public class DashboardTests
{
    [Fact]
    public async Task The_dashboard_counts_members_new_members_active_staff_and_products()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13711110001");
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.RegisterAsync(phone: "13711110002");
        await app.StaffAsync("service");

        var counts = await CountsAsync(app);

        Assert.Equal(new DashboardCounts(Members: 2, NewMembersLast7Days: 1, ActiveStaff: 2, Products: 0, OrdersToday: 0, PaidToday: 0,
            AwaitingShipment: 0, OpenAfterSales: 0, LowStock: 0), counts);
    }

    [Fact]
    public async Task The_dashboard_counts_todays_orders_and_payments_in_the_shop_day_and_what_waits_for_staff()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        await admin.ProductAsync("机械键盘", 299m, 3, lowStock: 5);
        var member = await app.MemberAsync("13711110003");
        var address = await member.AddressAsync();
        var yesterday = await app.PaidOrderAsync(member, address, (earbuds, 1));
        (await member.PostAsJsonAsync($"/api/orders/{yesterday.Str("id")}/after-sales",
            new { type = "refund", items = new[] { new { orderItemId = yesterday["items"]![0]!.Str("id"), quantity = 1 } }, reason = "不想要了" }))
            .EnsureSuccessStatusCode();

        // 02:00 UTC is 10:00 in Shanghai; a day later, two more orders, one of them paid.
        app.Clock.Advance(TimeSpan.FromDays(1));
        member = app.WithToken((await app.LoginAsync("13711110003", MallApp.MemberPassword)).Str("accessToken"));
        await app.PaidOrderAsync(member, address, (earbuds, 2));
        await member.OrderAsync(address, (earbuds, 1));

        var counts = await CountsAsync(app);

        Assert.Equal(2, counts.OrdersToday);
        Assert.Equal(398m, counts.PaidToday);
        Assert.Equal(2, counts.AwaitingShipment);
        Assert.Equal(1, counts.OpenAfterSales);
        Assert.Equal(1, counts.LowStock);
    }

    [Fact]
    public async Task The_admin_home_page_shows_the_order_counts()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await app.MemberAsync("13711110004");
        await app.PaidOrderAsync(member, await member.AddressAsync(), (earbuds, 1));
        var browser = app.Anonymous();
        await browser.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin"));

        Assert.Matches(Stat("stat-orders-today", "1"), html);
        Assert.Matches(Stat("stat-paid-today", "¥199.00"), html);
        Assert.Matches(Stat("stat-awaiting-shipment", "1"), html);
    }

    private static Regex Stat(string id, string value) => new($"data-testid=\"{id}-value\"[^>]*>\\s*{Regex.Escape(value)}\\s*<");

    private static async Task<DashboardCounts> CountsAsync(MallApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardService>().CountsAsync(CancellationToken.None);
    }
}
