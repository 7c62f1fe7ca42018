using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Orders;

public class OrderAdminTests
{
    [Fact]
    public async Task A_large_order_waits_for_review_before_it_can_ship()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var monitor = await admin.ProductAsync("4K 高清显示器", 2999m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 2));
        var id = order.Str("id");
        Assert.Equal("pending", order.Str("review"));

        await (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.under_review");
        var queue = await admin.Json("/api/admin/orders?underReview=true");
        Assert.Equal(id, Assert.Single(queue["items"]!.AsArray())!.Str("id"));

        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/review", new { approve = true, reason = "老客户" })).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rejecting_a_flagged_order_cancels_and_refunds_it_in_full()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var monitor = await admin.ProductAsync("4K 高清显示器", 2999m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 2));

        var rejected = await (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/review", new { approve = false, reason = "疑似刷单" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("cancelled", rejected.Str("status"));
        Assert.Equal(5998m, rejected["refunded"]!.GetValue<decimal>());
        Assert.Equal("refunded", rejected.Str("refundStatus"));
        Assert.Equal(10, await admin.StockAsync(monitor));
        Assert.Equal(0m, (await member.Json("/api/me"))["stats"]!["totalSpend"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Staff_find_consumption_records_by_order_number_and_phone_and_export_them()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var alice = await app.MemberAsync("13812345678");
        var bob = await app.MemberAsync("13812345679");
        var a = await app.PaidOrderAsync(alice, await alice.AddressAsync(), (product, 1));
        await app.PaidOrderAsync(bob, await bob.AddressAsync(), (product, 2));

        var byNo = await admin.Json("/api/admin/orders?q=" + a.Str("orderNo"));
        var found = Assert.Single(byNo["items"]!.AsArray())!;
        Assert.Equal(a.Str("id"), found.Str("id"));
        Assert.Equal("坚果礼盒", found.Str("firstItemName"));
        var byPhone = await admin.Json("/api/admin/orders?q=13812345679&status=paid");
        Assert.Equal(2, Assert.Single(byPhone["items"]!.AsArray())!["itemCount"]!.GetValue<int>());
        await (await admin.GetAsync("/api/admin/orders?status=lost")).ShouldFail(HttpStatusCode.BadRequest, "orders.status_invalid");

        var csv = await admin.GetStringAsync("/api/admin/orders/export?format=csv");
        Assert.Equal(3, csv.Trim().Split('\n').Length);
        Assert.Contains(a.Str("orderNo"), csv);
        var masked = await (await app.StaffAsync("operations")).Json($"/api/admin/orders/{a.Str("id")}");
        Assert.Equal("139****1111", masked["address"]!.Str("phone"));
    }

    [Fact]
    public async Task Staff_record_the_referral_source_and_a_follow_up_and_the_member_rates_the_order()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
        var id = order.Str("id");

        await (await member.PostAsJsonAsync($"/api/orders/{id}/rating", new { rating = 5 })).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.not_received");
        (await admin.PatchAsJsonAsync($"/api/admin/orders/{id}", new { referralSource = "小红书", followUpNote = "收货后回访" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        (await member.PostAsync($"/api/orders/{id}/confirm-receipt", null)).EnsureSuccessStatusCode();
        (await member.PostAsJsonAsync($"/api/orders/{id}/rating", new { rating = 5 })).EnsureSuccessStatusCode();

        var detail = await admin.Json($"/api/admin/orders/{id}");
        Assert.Equal("小红书", detail.Str("referralSource"));
        Assert.Equal("收货后回访", detail.Str("followUpNote"));
        Assert.Equal(5, detail["satisfactionRating"]!.GetValue<int>());
    }
}
