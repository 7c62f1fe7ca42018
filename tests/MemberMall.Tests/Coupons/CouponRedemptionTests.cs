using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Coupons;

/// <summary>A coupon reserved by an order, used on payment, returned on cancel or timeout, kept on a refund.</summary>
public class CouponRedemptionTests
{
    [Fact]
    public async Task A_coupon_is_reserved_by_the_order_and_used_when_it_is_paid()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30, budget = 1000 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var order = await (await member.PlaceAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(110m, order.Dec("total"));
        Assert.Single(order.Adjustments("coupon"));
        var held = Assert.Single(await member.MyCouponsAsync("used"))!;
        Assert.Equal("reserved", held.Str("status"));
        Assert.Equal(order.Str("id"), held.Str("orderId"));
        Assert.Equal(10m, (await admin.Json($"/api/admin/coupons/{coupon}")).Dec("discountGiven"));

        await app.PayAsync(member, order.Str("id"));
        Assert.Equal("used", Assert.Single(await member.MyCouponsAsync("used"))!.Str("status"));
        var template = await admin.Json($"/api/admin/coupons/{coupon}");
        Assert.Equal(1, template["used"]!.GetValue<int>());
        Assert.Equal(1, template["claimed"]!.GetValue<int>());
        // The points earned at payment are based on what the line paid: 120 less the coupon's 10.
        Assert.Equal(11_000, await app.WithDb(db => db.PointsAwards.SumAsync(a => a.EarningBaseFen)));
        Assert.Equal(110, await app.WithDb(db => db.PointsAwards.SumAsync(a => a.Points)));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_gives_the_coupon_back_and_its_budget_too()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30, budget = 1000 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);
        var order = await (await member.PlaceAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.Created);

        (await member.PostAsync($"/api/orders/{order.Str("id")}/cancel", null)).EnsureSuccessStatusCode();

        var back = Assert.Single(await member.MyCouponsAsync("available"))!;
        Assert.Equal(mine.ToString(), back.Str("id"));
        Assert.Null(back["orderId"]);
        Assert.Equal(0m, (await admin.Json($"/api/admin/coupons/{coupon}")).Dec("discountGiven"));
        await (await member.PlaceAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unpaid_order_that_times_out_returns_a_coupon_still_valid_and_expires_one_that_is_not()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var now = app.Clock.GetUtcNow();
        var lasting = await admin.CouponAsync(new { name = "月度券", kind = "amount", amount = 10, validDays = 30 });
        var ending = await admin.CouponAsync(new { name = "限时券", kind = "amount", amount = 5, validFrom = now.AddMinutes(-1), validTo = now.AddMinutes(10) });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var a = await member.ClaimAsync(lasting);
        var b = await member.ClaimAsync(ending);
        await (await member.PlaceAsync(address, [a], (tea, 1))).ShouldBe(HttpStatusCode.Created);
        await (await member.PlaceAsync(address, [b], (tea, 1))).ShouldBe(HttpStatusCode.Created);

        await app.RunJobAfterAsync(TimeSpan.FromMinutes(31), "orders.auto-cancel");

        member = await app.SignInAsync("13812345678");
        Assert.Equal(a.ToString(), Assert.Single(await member.MyCouponsAsync("available"))!.Str("id"));
        Assert.Equal(b.ToString(), Assert.Single(await member.MyCouponsAsync("expired"))!.Str("id"));
    }

    [Fact]
    public async Task A_partial_refund_of_a_discounted_order_refunds_exactly_what_each_line_paid_and_keeps_the_coupon_used()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var cup = await admin.ProductAsync("儿童保温杯", 33.33m, 10);
        var wipes = await admin.ProductAsync("婴儿湿巾 80 抽", 12.5m, 10);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);
        var placed = await (await member.PlaceAsync(address, [mine], (cup, 1), (wipes, 2))).ShouldBe(HttpStatusCode.Created);
        var order = await app.PayAsync(member, placed.Str("id"));
        // 10 yuan over 33.33 and 25.00 by largest remainder: 5.71 and 4.29.
        Assert.Equal(5.71m, order.Line(cup).Dec("discount"));
        Assert.Equal(4.29m, order.Line(wipes).Dec("discount"));
        Assert.Equal(58.33m, order.Dec("total"));

        var refunded = new List<decimal>();
        foreach (var (line, qty) in new[] { (wipes, 1), (wipes, 1), (cup, 1) })
        {
            var lineId = order.Line(line).Str("id");
            var request = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales",
                new { type = "refund", items = new[] { new { orderItemId = lineId, quantity = qty } }, reason = "不想要了" })).ShouldBe(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/approve", null)).EnsureSuccessStatusCode();
            refunded.Add((await (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/refund", null)).ShouldBe(HttpStatusCode.OK))["refund"]!.GetValue<decimal>());
        }

        // The wipes paid 20.71 for two: 10.35, then the rest; the cup paid 27.62, and the last refund carries the freight.
        Assert.Equal([10.35m, 10.36m, 27.62m + 10m], refunded);
        Assert.Equal(order.Dec("total"), refunded.Sum());
        var after = await member.Json($"/api/orders/{order.Str("id")}");
        Assert.Equal(after.Line(wipes).Dec("payable"), after.Line(wipes).Dec("refunded"));
        Assert.Equal(after.Line(cup).Dec("payable"), after.Line(cup).Dec("refunded"));
        Assert.Equal("used", Assert.Single(await member.MyCouponsAsync())!.Str("status"));
    }
}
