using System.Net;
using System.Net.Http.Json;
using MemberMall.Features.Payments;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Payments;

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

    /// <summary>The gateway holds refund requests until <c>Answer</c> is set; <c>Arrived</c> completes with the first request.</summary>
    private static (TaskCompletionSource Arrived, TaskCompletionSource Answer) HoldRefundRequests(MallApp app)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gateway(app).SlowRefunds = _ =>
        {
            arrived.TrySetResult();
            return answer.Task;
        };
        return (arrived, answer);
    }

    private static Task<List<Refund>> RefundsAsync(MallApp app) => app.WithDb(db => db.Refunds.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync());

    private static async Task<int> RunJobAsync(HttpClient admin) =>
        (await (await admin.PostAsync(Job, null)).ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>();

    [Fact]
    public async Task A_refund_is_recorded_first_and_sent_once_under_its_refund_number()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, orderIds) = await LatePaymentsAsync(app);

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
        var timeline = (await admin.Json($"/api/admin/orders/{orderIds[0]}"))["timeline"]!.AsArray();
        var entry = Assert.Single(timeline, e => e!.Str("type") == "refund_sent")!;
        Assert.Equal((sent.RefundNo, "system"), (entry.Str("note"), entry.Str("actor")));

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
        Assert.Equal(("pending", "paid_after_close"), (memberView.Str("status"), memberView.Str("reason")));
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
        Assert.Equal((128.5m, "sandbox", 1, "The sandbox gateway is unavailable.", "paid_after_close"),
            (first["amount"]!.GetValue<decimal>(), first.Str("channel"), first["attempts"]!.GetValue<int>(), first.Str("lastError"), first.Str("reason")));
        Assert.False(string.IsNullOrEmpty(first.Str("orderNo")));

        // Still in its 30-s pause: the sender leaves it until finance asks for it again.
        await (await finance.PostAsync($"/api/admin/refunds/{first.Str("id")}/retry", null)).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(1, await RunJobAsync(admin));
        var refunds = await RefundsAsync(app);
        Assert.Equal(RefundStatus.Succeeded, refunds.Single(r => r.Id.ToString() == first.Str("id")).Status);
        Assert.Equal(RefundStatus.Pending, refunds.Single(r => r.Id.ToString() != first.Str("id")).Status);
        Assert.Equal(1, (await (await finance.GetAsync("/api/admin/refunds?status=pending")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>());
        Assert.Equal(2, (await (await finance.GetAsync("/api/admin/refunds")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>());

        var retried = Assert.Single((await admin.Json($"/api/admin/audit?action=refund.retry&entityId={first.Str("id")}"))["items"]!.AsArray())!;
        Assert.Equal(("refund", "finance"), (retried.Str("entityType"), retried.Str("actorRole")));

        await (await finance.PostAsync($"/api/admin/refunds/{first.Str("id")}/retry", null)).ShouldFail((HttpStatusCode)422, "refund.not_pending");
        await (await finance.PostAsync($"/api/admin/refunds/{Guid.NewGuid()}/retry", null)).ShouldFail(HttpStatusCode.NotFound, "refund.not_found");
        await (await finance.GetAsync("/api/admin/refunds?status=lost")).ShouldFail(HttpStatusCode.BadRequest, "refunds.status_invalid");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.StaffAsync("service")).GetAsync("/api/admin/refunds")).StatusCode);
        Assert.Single(Gateway(app).Refunds);
    }

    private static Task<HttpResponseMessage> SettleAsync(HttpClient staff, Guid refundId, string? note) =>
        staff.PostAsJsonAsync($"/api/admin/refunds/{refundId}/settle-offline", new { note });

    [Fact]
    public async Task Finance_settles_a_refund_the_gateway_keeps_declining_and_the_gateway_is_never_asked_again()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, member, orderIds) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        Gateway(app).Decline(owed.RefundNo, "The member's card account is closed.");
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Equal("The member's card account is closed.", Assert.Single(await RefundsAsync(app)).LastError);

        var finance = await app.StaffAsync("finance");
        await (await SettleAsync(finance, owed.Id, "  ")).ShouldFail(HttpStatusCode.BadRequest, "refund.note_required");
        await (await SettleAsync(finance, owed.Id, new string('号', Refund.MaxNoteLength + 1))).ShouldFail(HttpStatusCode.BadRequest, "refund.note_too_long");
        await (await SettleAsync(finance, Guid.NewGuid(), "转账")).ShouldFail(HttpStatusCode.NotFound, "refund.not_found");
        Assert.Equal(HttpStatusCode.Forbidden, (await SettleAsync(await app.StaffAsync("service"), owed.Id, "转账")).StatusCode);
        var untouched = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Pending, "sandbox", null, (DateTimeOffset?)null), (untouched.Status, untouched.Channel, untouched.Note, untouched.ClaimedUntil));

        var settled = await (await SettleAsync(finance, owed.Id, " 工行转账 流水号 20261202001 ")).ShouldBe(HttpStatusCode.OK);
        Assert.False(settled["paidByGateway"]!.GetValue<bool>());
        var item = settled["refund"]!;
        Assert.Equal(("succeeded", "offline", "工行转账 流水号 20261202001", 128.5m),
            (item.Str("status"), item.Str("channel"), item.Str("note"), item["amount"]!.GetValue<decimal>()));

        var stored = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Succeeded, Refund.OfflineChannel, app.Clock.GetUtcNow(), (DateTimeOffset?)null, (DateTimeOffset?)null, (string?)null),
            (stored.Status, stored.Channel, stored.CompletedAt, stored.NextAttemptAt, stored.ClaimedUntil, stored.ProviderRefundId));
        Assert.Empty(Gateway(app).Refunds);

        // Paid once: the sender never asks the gateway for it again, however long it waits.
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Empty(Gateway(app).Refunds);
        Assert.Equal(1, Assert.Single(await RefundsAsync(app)).Attempts);
        await (await SettleAsync(finance, owed.Id, "again")).ShouldFail((HttpStatusCode)422, "refund.not_pending");
        await (await finance.PostAsync($"/api/admin/refunds/{owed.Id}/retry", null)).ShouldFail((HttpStatusCode)422, "refund.not_pending");

        var audit = Assert.Single((await admin.Json($"/api/admin/audit?action=refund.settle_offline&entityId={owed.Id}"))["items"]!.AsArray())!;
        Assert.Equal(stored.SettledBy, audit.Str("actorName"));
        Assert.Contains("工行转账", audit.Str("after"));
        Assert.Contains("pending", audit.Str("before"));

        // Staff see how it was paid on the order; the member sees it refunded, without finance's note.
        var staffOrder = await admin.Json($"/api/admin/orders/{orderIds[0]}");
        var staffView = Assert.Single(staffOrder["refunds"]!.AsArray())!;
        Assert.Equal(("offline", "succeeded", "工行转账 流水号 20261202001", stored.SettledBy),
            (staffView.Str("channel"), staffView.Str("status"), staffView.Str("note"), staffView.Str("settledBy")));
        Assert.Contains(staffOrder["timeline"]!.AsArray(), e => e!.Str("type") == "refund_settled_offline");
        var memberView = Assert.Single((await member.Json($"/api/orders/{orderIds[0]}"))["refunds"]!.AsArray())!;
        Assert.Equal(("offline", "succeeded"), (memberView.Str("channel"), memberView.Str("status")));
        Assert.Null(memberView["note"]);
    }

    [Fact]
    public async Task Settling_a_refund_the_gateway_had_already_paid_records_the_gateways_refund_and_pays_nothing_more()
    {
        await using var app = await MallApp.StartAsync();
        var (_, _, _) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        // The gateway took an earlier request whose answer never reached the shop.
        var paid = await Gateway(app).RefundAsync(owed.RefundNo, owed.AmountFen, CancellationToken.None);

        var settled = await (await SettleAsync(await app.StaffAsync("finance"), owed.Id, "工行转账")).ShouldBe(HttpStatusCode.OK);

        Assert.True(settled["paidByGateway"]!.GetValue<bool>());
        var timeline = (await (await app.AdminAsync()).Json($"/api/admin/orders/{owed.OrderId}"))["timeline"]!.AsArray();
        Assert.Contains(timeline, e => e!.Str("type") == "refund_sent" && e.Str("note") == owed.RefundNo);
        Assert.DoesNotContain(timeline, e => e!.Str("type") == "refund_settled_offline");
        Assert.Equal(("succeeded", "sandbox"), (settled["refund"]!.Str("status"), settled["refund"]!.Str("channel")));
        Assert.Null(settled["refund"]!["note"]);
        var stored = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Succeeded, "sandbox", paid, (string?)null), (stored.Status, stored.Channel, stored.ProviderRefundId, stored.Note));
        Assert.Equal(owed.AmountFen, Assert.Single(Gateway(app).Refunds).Value.AmountFen);
    }

    [Fact]
    public async Task A_refund_is_not_settled_while_the_gateway_is_being_asked_for_it_or_cannot_be_asked()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        var finance = await app.StaffAsync("finance");

        // A sender holds the refund: its request to the gateway may be under way.
        var claimEnds = app.Clock.GetUtcNow() + RefundSender.Lease;
        await app.WithDb(db => db.Refunds.Where(r => r.Id == owed.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedUntil, claimEnds)));
        await (await SettleAsync(finance, owed.Id, "工行转账")).ShouldFail(HttpStatusCode.Conflict, "refund.sending");
        app.Clock.Advance(RefundSender.Lease);

        // The gateway cannot say whether it paid: nothing is recorded and the claim is let go.
        Gateway(app).RefundsDown = true;
        await (await SettleAsync(finance, owed.Id, "工行转账")).ShouldFail(HttpStatusCode.ServiceUnavailable, "refund.gateway_unreachable");
        var still = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Pending, "sandbox", (DateTimeOffset?)null, (string?)null), (still.Status, still.Channel, still.ClaimedUntil, still.Note));
        Assert.Empty((await admin.Json("/api/admin/audit?action=refund.settle_offline"))["items"]!.AsArray());

        // The sender can still send it once the gateway is back.
        Gateway(app).RefundsDown = false;
        Assert.Equal(1, await RunJobAsync(admin));
        Assert.Equal(RefundStatus.Succeeded, Assert.Single(await RefundsAsync(app)).Status);
    }

    [Fact]
    public async Task Finance_settling_while_senders_run_never_pays_a_refund_twice()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app, 4);
        var owed = await RefundsAsync(app);
        var finance = await app.StaffAsync("finance");

        var settles = owed.Select(async r =>
        {
            var response = await SettleAsync(finance, r.Id, "工行转账 " + r.RefundNo);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        var sends = Enumerable.Range(0, 4).Select(_ => RunJobAsync(admin)).ToList();
        var statuses = await Task.WhenAll(settles);
        await Task.WhenAll(sends);
        // Settled (or found paid by the gateway), held by a sender at that moment (409), or already sent (422): each refund
        // ends up paid one way.
        Assert.All(statuses, s => Assert.True(s.StatusCode is HttpStatusCode.OK
            || s.Body.Contains("refund.sending", StringComparison.Ordinal) || s.Body.Contains("refund.not_pending", StringComparison.Ordinal), s.Body));
        await RunJobAsync(admin);

        var refunds = await RefundsAsync(app);
        Assert.All(refunds, r =>
        {
            Assert.Equal(RefundStatus.Succeeded, r.Status);
            // Paid through exactly one channel: the gateway holds the refund number if and only if it is not settled offline.
            Assert.Equal(r.Channel == "sandbox", Gateway(app).Refunds.ContainsKey(r.RefundNo));
            Assert.Equal(r.Channel == Refund.OfflineChannel, r.Note is not null);
        });
        Assert.Equal(refunds.Count(r => r.Channel == "sandbox") * 12_850L, Gateway(app).Refunds.Values.Sum(r => r.AmountFen));
    }

    [Fact]
    public async Task A_retry_asked_for_while_a_request_is_out_is_not_undone_by_that_request_being_declined()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        Gateway(app).Decline(owed.RefundNo, "收款账户已销户");
        var (requestArrived, answer) = HoldRefundRequests(app);

        var run = RunJobAsync(admin);
        await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var finance = await app.StaffAsync("finance");
        await (await finance.PostAsync($"/api/admin/refunds/{owed.Id}/retry", null)).ShouldBe(HttpStatusCode.NoContent);
        var askedAt = app.Clock.GetUtcNow();
        Gateway(app).SlowRefunds = null;
        answer.SetResult();
        Assert.Equal(0, await run);

        var declined = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Pending, 1, "收款账户已销户", (DateTimeOffset?)null), (declined.Status, declined.Attempts, declined.LastError, declined.ClaimedUntil));
        Assert.Equal(askedAt, declined.NextAttemptAt);

        // Due at once: the next run asks the gateway again without waiting out the pause.
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Equal(2, Assert.Single(await RefundsAsync(app)).Attempts);

        // Without a retry asked for, a decline pauses the refund.
        var paused = Assert.Single(await RefundsAsync(app));
        Assert.True(paused.NextAttemptAt > app.Clock.GetUtcNow(), $"due {paused.NextAttemptAt}, now {app.Clock.GetUtcNow()}");
    }

    [Fact]
    public async Task A_refund_request_the_gateway_does_not_answer_in_time_is_given_up_and_asked_again_when_the_lease_ends()
    {
        await using var app = await MallApp.StartAsync(new() { ["Payments:Sandbox:RefundTimeoutSeconds"] = "1" });
        var (admin, _, _) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        var (_, answer) = HoldRefundRequests(app);

        // The gateway hangs: the sender gives up after a second and goes on, the refund still claimed.
        var claimedAt = app.Clock.GetUtcNow();
        Assert.Equal(0, await RunJobAsync(admin));
        var waiting = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Pending, 1, "No answer from the gateway within 1 s."), (waiting.Status, waiting.Attempts, waiting.LastError));
        Assert.Equal(claimedAt + RefundSender.Lease, waiting.ClaimedUntil);
        Assert.Equal(claimedAt + RefundSender.Lease, waiting.NextAttemptAt);
        Assert.Contains(app.Logs.Lines, l => l.Contains(owed.RefundNo, StringComparison.Ordinal) && l.Contains("no answer", StringComparison.Ordinal));

        // Finance cannot settle it while the request may still land, and it is not asked for again before the lease ends.
        await (await SettleAsync(await app.StaffAsync("finance"), owed.Id, "工行转账")).ShouldFail(HttpStatusCode.Conflict, "refund.sending");
        Gateway(app).SlowRefunds = null;
        answer.SetResult();
        Assert.Equal(0, await RunJobAsync(admin));
        Assert.Empty(Gateway(app).Refunds);

        app.Clock.Advance(RefundSender.Lease);
        Assert.Equal(1, await RunJobAsync(admin));
        var sent = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Succeeded, "sandbox", 2), (sent.Status, sent.Channel, sent.Attempts));
        Assert.Equal(12_850, Assert.Single(Gateway(app).Refunds).Value.AmountFen);
    }

    [Fact]
    public async Task The_refund_timeout_must_lie_inside_the_senders_lease()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => MallApp.StartAsync(new() { ["Payments:Sandbox:RefundTimeoutSeconds"] = "60" }));
        Assert.Contains("RefundTimeoutSeconds", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_answer_that_arrives_after_finance_settled_the_refund_offline_is_reported_as_paid_twice()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _, _) = await LatePaymentsAsync(app);
        var owed = Assert.Single(await RefundsAsync(app));
        var (requestArrived, answer) = HoldRefundRequests(app);

        // The sender's request hangs past its lease; finance, finding no refund at the gateway yet, pays by transfer.
        var run = RunJobAsync(admin);
        await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Clock.Advance(RefundSender.Lease);
        var settled = await (await SettleAsync(await app.StaffAsync("finance"), owed.Id, "工行转账")).ShouldBe(HttpStatusCode.OK);
        Assert.False(settled["paidByGateway"]!.GetValue<bool>());

        answer.SetResult();
        Assert.Equal(0, await run);

        var stored = Assert.Single(await RefundsAsync(app));
        Assert.Equal((RefundStatus.Succeeded, Refund.OfflineChannel, (string?)null), (stored.Status, stored.Channel, stored.ProviderRefundId));
        Assert.Single(Gateway(app).Refunds);
        Assert.Contains(app.Logs.Lines, l => l.Contains(owed.RefundNo, StringComparison.Ordinal) && l.Contains("went out twice", StringComparison.Ordinal));
    }
}
