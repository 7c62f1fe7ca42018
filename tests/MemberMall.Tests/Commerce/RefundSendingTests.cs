using System.Net;
using MemberMall.Features.Payments;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Commerce;

/// <summary>
/// Gateway refunds are recorded pending with the change that owes them and sent by the refund sender afterwards
/// (the tests run it as the job <c>payments.send-refunds</c>, through the admin API).
/// </summary>
public class RefundSendingTests
{
    private const string Job = "/api/admin/jobs/" + RefundSender.JobName + "/run";

    /// <summary><paramref name="count"/> sandbox payments that arrive after their orders were cancelled: each owes a refund of 128.50.</summary>
    private static async Task<(HttpClient Admin, HttpClient Member, List<string> OrderIds)> LatePaymentsAsync(MallApp app, int count = 1)
    {
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 128.5m, 20);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var orderIds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var order = await member.OrderAsync(address, (product, 1));
            var payment = await member.StartSandboxAsync(order.Str("id"));
            (await member.PostAsync($"/api/orders/{order.Str("id")}/cancel", null)).EnsureSuccessStatusCode();
            var late = await (await app.Anonymous().NotifyAsync(payment.Str("tradeNo"), 12_850)).ShouldBe(HttpStatusCode.OK);
            Assert.Equal("refunded_late", late.Str("result"));
            orderIds.Add(order.Str("id"));
        }
        return (admin, member, orderIds);
    }

    private static SandboxGateway Gateway(MallApp app) => app.Services.GetRequiredService<SandboxGateway>();

    private static Task<List<Refund>> RefundsAsync(MallApp app) => app.WithDb(db => db.Refunds.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync());

    private static async Task<int> RunJobAsync(HttpClient admin) =>
        (await (await admin.PostAsync(Job, null)).ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>();

    [Fact]
    public async Task A_refund_is_recorded_first_and_sent_once_under_its_refund_number()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app);

        // Recorded with the payment notice, not yet sent: the gateway has moved no money.
        var pending = Assert.Single(await RefundsAsync(app));
        Assert.Equal(RefundStatus.Pending, pending.Status);
        Assert.Equal(12_850, pending.AmountFen);
        Assert.Empty(Gateway(app).Refunds);

        Assert.Equal(1, await RunJobAsync(admin));

        var sent = Assert.Single(await RefundsAsync(app));
        Assert.Equal(RefundStatus.Succeeded, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Null(sent.NextAttemptAt);
        Assert.Equal(app.Clock.GetUtcNow(), sent.CompletedAt);
        var taken = Assert.Single(Gateway(app).Refunds);
        Assert.Equal(sent.RefundNo, taken.Key);
        Assert.Equal(12_850, taken.Value.AmountFen);
        Assert.Equal(taken.Value.ProviderRefundId, sent.ProviderRefundId);

        // Nothing is due any more.
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Single(Gateway(app).Refunds);
    }

    [Fact]
    public async Task A_declined_refund_stays_owed_and_is_sent_when_the_gateway_is_back()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, member, orderIds) = await LatePaymentsAsync(app);
        Gateway(app).RefundsDown = true;

        Assert.Equal(0, await RunJobAsync(admin));
        var declined = Assert.Single(await RefundsAsync(app));
        Assert.Equal(RefundStatus.Pending, declined.Status);
        Assert.Equal(1, declined.Attempts);
        Assert.Equal("The sandbox gateway is unavailable.", declined.LastError);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), declined.NextAttemptAt);
        Assert.Contains(app.Logs.Lines, l => l.Contains(declined.RefundNo, StringComparison.Ordinal) && l.Contains("declined", StringComparison.Ordinal));

        // Staff see the refund still owed and why; the member sees it under way, without the gateway's words.
        var staffView = Assert.Single((await admin.Json($"/api/admin/orders/{orderIds[0]}"))["refunds"]!.AsArray())!;
        Assert.Equal((declined.RefundNo, "pending", 1, "The sandbox gateway is unavailable.", 128.5m),
            (staffView.Str("refundNo"), staffView.Str("status"), staffView["attempts"]!.GetValue<int>(), staffView.Str("lastError"), staffView["amount"]!.GetValue<decimal>()));
        var memberView = Assert.Single((await member.Json($"/api/orders/{orderIds[0]}"))["refunds"]!.AsArray())!;
        Assert.Equal("pending", memberView.Str("status"));
        Assert.Null(memberView["lastError"]);

        // Not due before its pause is over, even with the gateway back.
        Gateway(app).RefundsDown = false;
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Equal(1, Assert.Single(await RefundsAsync(app)).Attempts);

        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await RunJobAsync(admin));
        var sent = Assert.Single(await RefundsAsync(app));
        Assert.Equal(RefundStatus.Succeeded, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Equal(12_850, Assert.Single(Gateway(app).Refunds).Value.AmountFen);
        Assert.Equal("succeeded", Assert.Single((await member.Json($"/api/orders/{orderIds[0]}"))["refunds"]!.AsArray())!.Str("status"));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_asked_again_and_moves_no_more_money()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app);
        var pending = Assert.Single(await RefundsAsync(app));

        // The gateway took the request, but its answer never reached the shop (a timeout, a crash before the write).
        var first = await Gateway(app).RefundAsync(pending.RefundNo, pending.AmountFen, CancellationToken.None);

        Assert.Equal(1, await RunJobAsync(admin));
        var sent = Assert.Single(await RefundsAsync(app));
        Assert.Equal(first, sent.ProviderRefundId);
        Assert.Equal(12_850, Assert.Single(Gateway(app).Refunds).Value.AmountFen);
        await Assert.ThrowsAsync<RefundDeclinedException>(() => Gateway(app).RefundAsync(pending.RefundNo, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Senders_that_run_at_once_send_each_refund_once()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, orderIds) = await LatePaymentsAsync(app, 4);
        Assert.All(await RefundsAsync(app), r => Assert.Equal(RefundStatus.Pending, r.Status));

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RunJobAsync(admin)));

        Assert.Equal(4, runs.Sum());
        var refunds = await RefundsAsync(app);
        Assert.Equal(4, refunds.Count);
        Assert.All(refunds, r => Assert.Equal((RefundStatus.Succeeded, 1), (r.Status, r.Attempts)));
        Assert.Equal(refunds.Select(r => r.RefundNo).Order(), Gateway(app).Refunds.Keys.Order());
        Assert.Equal(orderIds.Count * 12_850L, Gateway(app).Refunds.Values.Sum(r => r.AmountFen));
    }

    [Fact]
    public async Task Finance_lists_the_refunds_still_owed_and_can_have_one_asked_for_again_at_once()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, orderIds) = await LatePaymentsAsync(app, 2);
        Gateway(app).RefundsDown = true;
        Assert.Equal(0, await RunJobAsync(admin));
        Gateway(app).RefundsDown = false;

        var finance = await app.StaffAsync("finance");
        var owed = await (await finance.GetAsync("/api/admin/refunds?status=pending")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, owed["total"]!.GetValue<long>());
        var first = owed["items"]!.AsArray().Single(i => i.Str("orderId") == orderIds[0])!;
        Assert.Equal((128.5m, "sandbox", 1, "The sandbox gateway is unavailable."),
            (first["amount"]!.GetValue<decimal>(), first.Str("channel"), first["attempts"]!.GetValue<int>(), first.Str("lastError")));
        Assert.False(string.IsNullOrEmpty(first.Str("orderNo")));

        // Still in its 30-s pause: the sender leaves it until finance asks for it again.
        await (await finance.PostAsync($"/api/admin/refunds/{first.Str("id")}/retry", null)).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(1, await RunJobAsync(admin));
        var refunds = await RefundsAsync(app);
        Assert.Equal(RefundStatus.Succeeded, refunds.Single(r => r.Id.ToString() == first.Str("id")).Status);
        Assert.Equal(RefundStatus.Pending, refunds.Single(r => r.Id.ToString() != first.Str("id")).Status);
        Assert.Equal(1, (await (await finance.GetAsync("/api/admin/refunds?status=pending")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>());
        Assert.Equal(2, (await (await finance.GetAsync("/api/admin/refunds")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>());

        await (await finance.PostAsync($"/api/admin/refunds/{first.Str("id")}/retry", null)).ShouldFail((HttpStatusCode)422, "refund.not_pending");
        await (await finance.PostAsync($"/api/admin/refunds/{Guid.NewGuid()}/retry", null)).ShouldFail(HttpStatusCode.NotFound, "refund.not_found");
        await (await finance.GetAsync("/api/admin/refunds?status=lost")).ShouldFail(HttpStatusCode.BadRequest, "refunds.status_invalid");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.StaffAsync("service")).GetAsync("/api/admin/refunds")).StatusCode);
        Assert.Single(Gateway(app).Refunds);
    }
}
