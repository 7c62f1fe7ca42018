using System.Net;
using System.Net.Http.Json;
using MemberMall.Features.Payments;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.AfterSales;

public class AfterSalesTests
{
    [Fact]
    public async Task A_members_order_actions_answer_with_the_member_view_not_the_staff_view()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var cup = await admin.ProductAsync("儿童保温杯", 33.33m, 10);
        var wipes = await admin.ProductAsync("婴儿湿巾 80 抽", 12.5m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (cup, 1), (wipes, 2));
        var id = order.Str("id");
        var cupLine = order["items"]!.AsArray().Single(i => i.Str("productId") == cup.ToString())!.Str("id");
        var request = await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = cupLine, quantity = 1 } }, reason = "拍错了" }))
            .ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        app.Services.GetRequiredService<SandboxGateway>().RefundsDown = true;
        (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/refund", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/jobs/payments.send-refunds/run", null)).EnsureSuccessStatusCode();
        var staffRefund = Assert.Single((await admin.Json($"/api/admin/orders/{id}"))["refunds"]!.AsArray())!;
        Assert.Equal("The sandbox gateway is unavailable.", staffRefund.Str("lastError"));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();

        // The gateway's words stay with staff, whichever way the member reaches the order.
        var confirmed = await (await member.PostAsync($"/api/orders/{id}/confirm-receipt", null)).ShouldBe(HttpStatusCode.OK);
        var rated = await (await member.PostAsJsonAsync($"/api/orders/{id}/rating", new { rating = 4 })).ShouldBe(HttpStatusCode.OK);
        var read = await member.Json($"/api/orders/{id}");
        foreach (var answer in new[] { confirmed, rated })
        {
            var refund = Assert.Single(answer["refunds"]!.AsArray())!;
            Assert.Null(refund["lastError"]);
            Assert.Null(refund["settledBy"]);
            Assert.Equal(read["refunds"]!.ToJsonString(), answer["refunds"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_partial_return_refunds_exactly_the_returned_units_and_puts_them_back_in_stock()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var cup = await admin.ProductAsync("儿童保温杯", 33.33m, 10);
        var wipes = await admin.ProductAsync("婴儿湿巾 80 抽", 12.5m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (cup, 3), (wipes, 2));
        var id = order.Str("id");
        Assert.Equal(99.99m + 25m, order["paid"]!.GetValue<decimal>());
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF9" })).EnsureSuccessStatusCode();
        var cupLine = order["items"]!.AsArray().Single(i => i.Str("productId") == cup.ToString())!.Str("id");

        var request = await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "return", items = new[] { new { orderItemId = cupLine, quantity = 1 } }, reason = "杯盖漏水" }))
            .ShouldBe(HttpStatusCode.Created);
        var rid = request.Str("id");
        // While the request is open the order reads as refunding, to its member and to staff; to another member it does not exist.
        Assert.Equal("refunding", (await member.Json($"/api/orders/{id}")).Str("refundStatus"));
        Assert.Equal("refunding", (await admin.Json($"/api/admin/orders/{id}")).Str("refundStatus"));
        var stranger = await app.MemberAsync("13812345679");
        await (await stranger.GetAsync($"/api/orders/{id}")).ShouldFail(HttpStatusCode.NotFound, "order.not_found");
        await (await admin.PostAsync($"/api/admin/after-sales/{rid}/refund", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "aftersales.invalid_transition");
        (await admin.PostAsJsonAsync($"/api/admin/after-sales/{rid}/approve", new { note = "同意退货" })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/after-sales/{rid}/receive", null)).EnsureSuccessStatusCode();
        var refunded = await (await admin.PostAsync($"/api/admin/after-sales/{rid}/refund", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(33.33m, refunded["refund"]!.GetValue<decimal>());
        var after = await member.Json($"/api/orders/{id}");
        Assert.Equal(33.33m, after["refunded"]!.GetValue<decimal>());
        Assert.Equal("partially_refunded", after.Str("refundStatus"));
        var line = after["items"]!.AsArray().Single(i => i.Str("id") == cupLine)!;
        Assert.Equal(1, line["refundedQuantity"]!.GetValue<int>());
        Assert.Equal(8, await admin.StockAsync(cup));
        Assert.Equal(91.66m, (await member.Json("/api/me"))["stats"]!["totalSpend"]!.GetValue<decimal>());
        var evt = await app.WithDb(db => db.OutboxMessages.SingleAsync(m => m.Type == "order.refunded"));
        Assert.Contains("\"amountFen\":3333", evt.Payload);
    }

    [Fact]
    public async Task The_last_units_of_a_line_refund_what_is_left_so_the_line_refunds_exactly_what_it_paid()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, member, id, line) = await ShippedThreeUnitsAsync(app);

        decimal total = 0;
        foreach (var qty in new[] { 1, 1, 1 })
        {
            var r = await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = qty } }, reason = "质量问题" }))
                .ShouldBe(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();
            total += (await (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).ShouldBe(HttpStatusCode.OK))["refund"]!.GetValue<decimal>();
        }

        Assert.Equal(99.99m, total);
        var after = await member.Json($"/api/orders/{id}");
        Assert.Equal("refunded", after.Str("refundStatus"));
        await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "再退一次" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "aftersales.quantity_exceeds");
    }

    [Fact]
    public async Task Refund_clicks_that_arrive_together_pay_each_request_once_and_never_more_than_was_paid()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, member, id, line) = await ShippedThreeUnitsAsync(app);
        var requests = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var r = await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "质量问题" }))
                .ShouldBe(HttpStatusCode.Created);
            (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();
            requests.Add(r.Str("id"));
        }

        // Each request clicked three times, all nine at once; then whatever asked to try again is tried again.
        var clicks = requests.SelectMany(r => Enumerable.Repeat(r, 3)).ToList();
        var responses = await Task.WhenAll(clicks.Select(r => admin.PostAsync($"/api/admin/after-sales/{r}/refund", null)));
        foreach (var (r, response) in clicks.Zip(responses))
        {
            if (response.StatusCode == HttpStatusCode.OK) continue;
            var code = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!.Str("code");
            // On anything else, the app's own account of the error says why.
            Assert.True(code is "concurrency.stale" or "aftersales.invalid_transition",
                $"{code}: {string.Join(Environment.NewLine, app.Logs.Lines.Where(l => l.Contains("Unhandled error", StringComparison.Ordinal)).Take(3))}");
            var again = await admin.PostAsync($"/api/admin/after-sales/{r}/refund", null);
            if (again.StatusCode != HttpStatusCode.OK) await again.ShouldFail(HttpStatusCode.UnprocessableEntity, "aftersales.invalid_transition");
        }

        Assert.Equal(9999, await app.WithDb(db => db.Refunds.SumAsync(x => x.AmountFen)));
        Assert.Equal(3, await app.WithDb(db => db.Refunds.CountAsync()));
        var after = await member.Json($"/api/orders/{id}");
        Assert.Equal("refunded", after.Str("refundStatus"));
        Assert.Equal(99.99m, after["refunded"]!.GetValue<decimal>());
        Assert.Equal(3, await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.Type == "order.refunded")));
        Assert.Equal(0m, (await member.Json("/api/me"))["stats"]!["totalSpend"]!.GetValue<decimal>());
    }

    /// <summary>A paid and shipped order of three units at 33.33 (99.99 in all): staff and member clients, the order id and its line id.</summary>
    private static async Task<(HttpClient Admin, HttpClient Member, string OrderId, string LineId)> ShippedThreeUnitsAsync(MallApp app)
    {
        var admin = await app.AdminAsync();
        var soap = await admin.ProductAsync("香氛沐浴露", 33.33m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (soap, 3));
        var id = order.Str("id");
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF9" })).EnsureSuccessStatusCode();
        return (admin, member, id, order["items"]![0].Str("id"));
    }

    [Fact]
    public async Task Two_requests_cannot_claim_more_units_than_the_line_has()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("收纳整理箱", 59m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 2));
        var line = order["items"]![0].Str("id");
        var id = order.Str("id");

        await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = 2 } }, reason = "不要了" }))
            .ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "再来" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "aftersales.quantity_exceeds");
        await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "return", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "未发货" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "aftersales.not_allowed");
        await (await member.PostAsJsonAsync($"/api/orders/{id}/after-sales", new { type = "swap", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "x" }))
            .ShouldFail(HttpStatusCode.BadRequest, "aftersales.type_invalid");
    }

    [Fact]
    public async Task Refunding_everything_before_shipping_returns_the_freight_releases_the_stock_and_closes_the_order()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("云南普洱茶饼", 45m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (tea, 1));
        Assert.Equal(55m, order["paid"]!.GetValue<decimal>());

        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "refund", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "拍错了" }))
            .ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        var refunded = await (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(55m, refunded["refund"]!.GetValue<decimal>());
        var after = await member.Json($"/api/orders/{order.Str("id")}");
        Assert.Equal("cancelled", after.Str("status"));
        Assert.Equal("refunded", after.Str("refundStatus"));
        Assert.Equal(10, await admin.StockAsync(tea));
    }

    [Fact]
    public async Task Rejecting_a_request_frees_its_units_for_a_new_one()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("真皮双肩包", 499m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
        var body = new { type = "refund", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "想退" };
        var first = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", body)).ShouldBe(HttpStatusCode.Created);

        var rejected = await (await admin.PostAsJsonAsync($"/api/admin/after-sales/{first.Str("id")}/reject", new { note = "已发货前协商" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Str("status"));
        await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", body)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_exchange_takes_the_goods_back_and_ships_a_replacement_without_money_moving()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var shoes = await admin.ProductAsync("跑步运动鞋", 399m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (shoes, 1));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "exchange", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "尺码偏小" }))
            .ShouldBe(HttpStatusCode.Created);

        foreach (var step in new[] { "approve", "receive", "complete" })
            (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/{step}", null)).EnsureSuccessStatusCode();

        Assert.Equal("completed", (await admin.Json($"/api/admin/after-sales/{r.Str("id")}")).Str("status"));
        Assert.Equal(9, await admin.StockAsync(shoes));
        Assert.Equal(0m, (await member.Json($"/api/orders/{order.Str("id")}"))["refunded"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Only_finance_or_admin_may_pay_out_a_refund()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("电动牙刷", 199m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "refund", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "不要了" }))
            .ShouldBe(HttpStatusCode.Created);
        var service = await app.StaffAsync("service");
        (await service.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();

        await (await service.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        var finance = await app.StaffAsync("finance");
        (await finance.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).EnsureSuccessStatusCode();
    }
}
