using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Payments;

public class PaymentTests
{
    private static async Task<(MallApp App, HttpClient Admin, HttpClient Member, string OrderId, string TradeNo)> PendingPaymentAsync(decimal price = 128.5m)
    {
        var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", price, 20);
        var member = await app.MemberAsync("13812345678");
        var order = await member.OrderAsync(await member.AddressAsync(), (product, 1));
        var payment = await member.StartSandboxAsync(order.Str("id"));
        return (app, admin, member, order.Str("id"), payment.Str("tradeNo"));
    }

    [Fact]
    public async Task A_bad_signature_is_401_and_the_order_stays_unpaid()
    {
        var (app, _, member, orderId, tradeNo) = await PendingPaymentAsync();
        await using var _app = app;

        await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, secret: "someone-elses-secret-123")).ShouldFail(HttpStatusCode.Unauthorized, "payment.signature_invalid");

        Assert.Equal("pending_payment", (await member.Json($"/api/orders/{orderId}")).Str("status"));
        Assert.Equal(0, await app.WithDb(db => db.PaymentNotifications.CountAsync()));
    }

    [Fact]
    public async Task The_same_notification_twice_pays_once()
    {
        var (app, _, member, orderId, tradeNo) = await PendingPaymentAsync();
        await using var _app = app;

        var first = await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, "N-1")).ShouldBe(HttpStatusCode.OK);
        var second = await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, "N-1")).ShouldBe(HttpStatusCode.OK);
        var third = await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, "N-2")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("paid", first.Str("result"));
        Assert.Equal("paid", second.Str("result"));
        Assert.Equal("already_paid", third.Str("result"));
        var order = await member.Json($"/api/orders/{orderId}");
        Assert.Equal(128.5m, order["paid"]!.GetValue<decimal>());
        Assert.Equal(1, order["timeline"]!.AsArray().Count(e => e.Str("type") == "paid"));
        Assert.Equal(1, (await member.Json("/api/me"))["stats"]!["orderCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_amount_mismatch_is_422_and_pays_nothing()
    {
        var (app, _, member, orderId, tradeNo) = await PendingPaymentAsync();
        await using var _app = app;

        await (await app.Anonymous().NotifyAsync(tradeNo, 1, "N-cheap")).ShouldFail(HttpStatusCode.UnprocessableEntity, "payment.amount_mismatch");
        await (await app.Anonymous().NotifyAsync(tradeNo, 1, "N-cheap")).ShouldFail(HttpStatusCode.UnprocessableEntity, "payment.amount_mismatch");
        // A notice id already answered keeps its answer, even if it comes back with the right amount.
        await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, "N-cheap")).ShouldFail(HttpStatusCode.UnprocessableEntity, "payment.amount_mismatch");

        Assert.Equal("pending_payment", (await member.Json($"/api/orders/{orderId}")).Str("status"));
        Assert.Equal(0, (await member.Json("/api/me"))["stats"]!["orderCount"]!.GetValue<int>());
        Assert.Equal("paid", (await (await app.Anonymous().NotifyAsync(tradeNo, 12_850, "N-right")).ShouldBe(HttpStatusCode.OK)).Str("result"));
        Assert.Equal("paid", (await member.Json($"/api/orders/{orderId}")).Str("status"));
    }

    [Fact]
    public async Task An_unknown_trade_number_is_404()
    {
        var (app, _, _, _, _) = await PendingPaymentAsync();
        await using var _app = app;
        await (await app.Anonymous().NotifyAsync("P000000000000000000", 100)).ShouldFail(HttpStatusCode.NotFound, "payment.not_found");
    }

    [Fact]
    public async Task Money_that_arrives_after_the_order_was_cancelled_goes_straight_back()
    {
        var (app, _, member, orderId, tradeNo) = await PendingPaymentAsync();
        await using var _app = app;
        (await member.PostAsync($"/api/orders/{orderId}/cancel", null)).EnsureSuccessStatusCode();

        var late = await (await app.Anonymous().NotifyAsync(tradeNo, 12_850)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("refunded_late", late.Str("result"));
        Assert.Equal("cancelled", (await member.Json($"/api/orders/{orderId}")).Str("status"));
        Assert.Equal(12_850, await app.WithDb(db => db.Refunds.SumAsync(r => r.AmountFen)));
    }

    [Fact]
    public async Task Twenty_concurrent_deliveries_of_one_notification_pay_once()
    {
        var (app, _, member, orderId, tradeNo) = await PendingPaymentAsync();
        await using var _app = app;
        var client = app.Anonymous();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.NotifyAsync(tradeNo, 12_850, "N-same")));

        // Every repeat answers with the first delivery's outcome, whether it queued behind it or lost the race to save.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses) Assert.Equal("paid", (await r.Content.ReadFromJsonAsync<JsonObject>())!.Str("result"));
        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceType == "order" && e.SourceId == orderId && e.Rule == "earn")));
        Assert.Equal(1, await app.WithDb(db => db.PaymentNotifications.CountAsync()));
        var order = await member.Json($"/api/orders/{orderId}");
        Assert.Equal("paid", order.Str("status"));
        Assert.Equal(1, order["timeline"]!.AsArray().Count(e => e.Str("type") == "paid"));
        Assert.Equal(1, await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.Type == "order.paid")));
        Assert.Equal(1, (await member.Json("/api/me"))["stats"]!["orderCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cash_on_delivery_ships_unpaid_and_counts_the_money_when_delivered()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("东北五常大米 5kg", 89.9m, 20);
        var member = await app.MemberAsync("13812345678");
        var order = await member.OrderAsync(await member.AddressAsync(), (product, 1));
        var id = order.Str("id");

        var start = await (await member.PostAsJsonAsync($"/api/orders/{id}/payments", new { method = "cod" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("paid", start.Str("orderStatus"));
        Assert.Equal(0m, (await member.Json($"/api/orders/{id}"))["paid"]!.GetValue<decimal>());
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "中通", trackingNo = "ZT1" })).EnsureSuccessStatusCode();
        (await member.PostAsync($"/api/orders/{id}/confirm-receipt", null)).EnsureSuccessStatusCode();

        Assert.Equal(99.9m, (await member.Json($"/api/orders/{id}"))["paid"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_bank_transfer_is_confirmed_by_finance_and_not_by_service()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("4K 高清显示器", 1999m, 5);
        var member = await app.MemberAsync("13812345678");
        var order = await member.OrderAsync(await member.AddressAsync(), (product, 1));
        var start = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/payments", new { method = "bank_transfer" })).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(start.Str("tradeNo"), start.Str("instructions"));

        var service = await app.StaffAsync("service");
        await (await service.PostAsync($"/api/admin/payments/{start.Str("paymentId")}/confirm", null)).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        var finance = await app.StaffAsync("finance");
        (await finance.PostAsync($"/api/admin/payments/{start.Str("paymentId")}/confirm", null)).EnsureSuccessStatusCode();
        await (await finance.PostAsync($"/api/admin/payments/{start.Str("paymentId")}/confirm", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "payment.not_pending");

        Assert.Equal("paid", (await member.Json($"/api/orders/{order.Str("id")}")).Str("status"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_auto_confirm_the_sandbox_gateway_delivers_its_signed_notification_over_HTTP(bool withIdempotencyKey)
    {
        await using var app = await MallApp.StartAsync(new() { ["Payments:Sandbox:AutoConfirm"] = "true" }, kestrel: true);
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("跑步运动鞋", 399m, 5);
        var member = await app.MemberAsync("13812345678");
        var order = await member.OrderAsync(await member.AddressAsync(), (product, 1));

        // With a key the payment commits with the request's stored answer: the notice must wait for that commit.
        var start = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order.Str("id")}/payments") { Content = JsonContent.Create(new { method = "sandbox" }) };
        if (withIdempotencyKey) start.Headers.Add("Idempotency-Key", "pay-" + order.Str("id"));
        await (await member.SendAsync(start)).ShouldBe(HttpStatusCode.OK);

        var status = "";
        for (var i = 0; i < 100 && status != "paid"; i++)
        {
            await Task.Delay(100);
            status = (await member.Json($"/api/orders/{order.Str("id")}")).Str("status");
        }
        Assert.Equal("paid", status);
        Assert.Equal(1, await app.WithDb(db => db.PaymentNotifications.CountAsync(n => n.Outcome == "paid")));
    }
}
