using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Rebates;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Rebates;

public class RebateTests
{
    private const string Phone = "13812345678";

    /// <summary>A member with one completed order of 2 × ¥100 under a 5% rule; returns the order.</summary>
    private static async Task<(HttpClient Admin, JsonNode Order)> CompletedOrderAsync(MallApp app, string settlement = "immediate")
    {
        var admin = await app.AdminAsync();
        await admin.RebateProgramAsync(settlement);
        var product = await admin.ProductAsync("机械键盘", 100m, 20);
        var member = await app.MemberAsync(Phone);
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 2));
        await admin.DeliverAsync(order.Str("id"));
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        return (admin, order);
    }

    [Fact]
    public async Task A_rebate_is_held_through_the_return_window_then_credited_and_withdrawn()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _) = await CompletedOrderAsync(app);
        var member = await app.SignInAsync(Phone);
        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(10m, mine["pending"]!.GetValue<decimal>());
        Assert.Equal(0m, mine["available"]!.GetValue<decimal>());

        app.Clock.Advance(TimeSpan.FromDays(8));
        admin = await app.AdminAsync();
        var released = await (await admin.PostAsync("/api/admin/jobs/rebates.release/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, released["processed"]!.GetValue<int>());
        member = await app.SignInAsync(Phone);
        Assert.Equal(10m, (await member.Json("/api/me/rebates"))["available"]!.GetValue<decimal>());

        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 5, account = "6222020200112233" })).ShouldFail(HttpStatusCode.UnprocessableEntity, "withdrawal.below_minimum");
        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 11, account = "6222020200112233" })).ShouldFail(HttpStatusCode.UnprocessableEntity, "rebate.insufficient");
        var w = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 10, account = "6222020200112233" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("****2233", w.Str("account"));
        Assert.Equal(1m, w["fee"]!.GetValue<decimal>());
        var after = await member.Json("/api/me/rebates");
        Assert.Equal(0m, after["available"]!.GetValue<decimal>());
        Assert.Equal(10m, after["frozen"]!.GetValue<decimal>());

        var finance = await app.StaffAsync("finance");
        var rejected = await (await finance.PostAsJsonAsync($"/api/admin/withdrawals/{w.Str("id")}/reject", new { note = "账户名不符" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Str("status"));
        var back = await member.Json("/api/me/rebates");
        Assert.Equal(10m, back["available"]!.GetValue<decimal>());
        Assert.Equal(0m, back["frozen"]!.GetValue<decimal>());
        await (await finance.PostAsync($"/api/admin/withdrawals/{w.Str("id")}/approve", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "withdrawal.already_decided");

        var second = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 10, account = "6222020200112233" })).ShouldBe(HttpStatusCode.Created);
        (await finance.PostAsync($"/api/admin/withdrawals/{second.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        var paid = await member.Json("/api/me/rebates");
        Assert.Equal(0m, paid["available"]!.GetValue<decimal>() + paid["frozen"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Monthly_settlement_credits_a_statement_once_per_member_and_period()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _) = await CompletedOrderAsync(app, "monthly");
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        var member = await app.SignInAsync(Phone);
        Assert.Equal(10m, (await member.Json("/api/me/rebates"))["pending"]!.GetValue<decimal>());

        app.Clock.Advance(TimeSpan.FromDays(20));
        admin = await app.AdminAsync();
        var first = await (await admin.PostAsync("/api/admin/jobs/rebates.settle/run", null)).ShouldBe(HttpStatusCode.OK);
        var again = await (await admin.PostAsync("/api/admin/jobs/rebates.settle/run", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(1, first["processed"]!.GetValue<int>());
        Assert.Equal(0, again["processed"]!.GetValue<int>());
        member = await app.SignInAsync(Phone);
        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(10m, mine["available"]!.GetValue<decimal>());
        var statement = Assert.Single(mine["statements"]!.AsArray())!;
        Assert.Equal("2026-03-01", statement.Str("periodStart"));
        Assert.Equal(10m, statement["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_refund_claws_back_the_refunded_share_of_the_rebate()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, order) = await CompletedOrderAsync(app);
        var member = await app.SignInAsync(Phone);
        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "return", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "键帽松动" }))
            .ShouldBe(HttpStatusCode.Created);
        foreach (var step in new[] { "approve", "receive", "refund" })
            (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/{step}", null)).EnsureSuccessStatusCode();

        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(5m, mine["pending"]!.GetValue<decimal>());
        Assert.Equal(5m, mine["accruals"]![0]!["clawedBack"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Concurrent_withdrawals_never_take_more_than_the_balance()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, _) = await CompletedOrderAsync(app);
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        (await admin.PutAsJsonAsync("/api/admin/rebates/settings", new { settlement = "immediate", withdrawMin = 2, withdrawFeePercent = 0, withdrawFeeMin = 0 })).EnsureSuccessStatusCode();
        var member = await app.SignInAsync(Phone);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 3, account = "6222020200112233" })));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "rebate.insufficient");
        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(1m, mine["available"]!.GetValue<decimal>());
        Assert.Equal(9m, mine["frozen"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_clawback_of_an_accrual_credited_after_it_was_read_is_a_stale_read_that_moves_no_money(bool anotherOrderIsPending)
    {
        await using var app = await MallApp.StartAsync();
        var (admin, order) = await CompletedOrderAsync(app);
        var orderId = Guid.Parse(order.Str("id"));
        var member = await app.SignInAsync(Phone);
        if (anotherOrderIsPending)
        {
            // A second order, completed later: its rebate is still pending when the first one's is credited.
            var product = await admin.ProductAsync("鼠标垫", 100m, 20);
            var second = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 2));
            await admin.DeliverAsync(second.Str("id"));
        }

        // A refund of one unit reads the order and its accrual, still pending ...
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var stale = await db.Orders.Include(o => o.Items).SingleAsync(o => o.Id == orderId);
        Assert.Equal(AccrualStatus.Pending, (await db.RebateAccruals.SingleAsync(a => a.OrderId == orderId)).Status);

        // ... and before it goes on, the return window ends and the release job credits the rebate.
        await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        await app.RunJobAfterAsync(TimeSpan.Zero, "rebates.release");
        member = await app.SignInAsync(Phone);
        var before = await member.Json("/api/me/rebates");
        Assert.Equal(10m, before["available"]!.GetValue<decimal>());

        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () =>
            {
                await scope.ServiceProvider.GetRequiredService<RebateService>().ClawbackAsync(stale, Guid.NewGuid(), [(stale.Items[0], 1)], default);
                await db.SaveChangesAsync();
            });

        // No money moved and the accrual is as the job left it: the refund, tried again, reads it afresh.
        var after = await member.Json("/api/me/rebates");
        Assert.Equal(before["available"]!.GetValue<decimal>(), after["available"]!.GetValue<decimal>());
        Assert.Equal(before["pending"]!.GetValue<decimal>(), after["pending"]!.GetValue<decimal>());
        Assert.Equal(anotherOrderIsPending ? 10m : 0m, after["pending"]!.GetValue<decimal>());
        Assert.Equal(0, await app.WithDb(d => d.RebateAccruals.Where(a => a.OrderId == orderId).Select(a => a.ClawedBackFen).SingleAsync()));
        Assert.Equal(0, await app.WithDb(d => d.RebateEntries.CountAsync(e => e.Kind == RebateEntryKind.Clawback)));
    }

    [Fact]
    public async Task A_release_of_an_accrual_clawed_back_after_it_was_read_is_a_stale_read_and_the_next_run_credits_what_is_left()
    {
        await using var app = await MallApp.StartAsync();
        var (admin, order) = await CompletedOrderAsync(app);
        var orderId = Guid.Parse(order.Str("id"));

        // The release job reads the accrual (10.00) ...
        app.Clock.Advance(TimeSpan.FromDays(8));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var stale = await db.RebateAccruals.SingleAsync(a => a.OrderId == orderId);

        // ... and before it goes on, a refund of one unit takes back 5.00 of it.
        var member = await app.SignInAsync(Phone);
        admin = await app.AdminAsync();
        var r = await (await member.PostAsJsonAsync($"/api/orders/{orderId}/after-sales", new { type = "refund", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "不想要了" }))
            .ShouldBe(HttpStatusCode.Created);
        foreach (var step in new[] { "approve", "refund" })
            (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/{step}", null)).EnsureSuccessStatusCode();

        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () =>
            {
                await scope.ServiceProvider.GetRequiredService<RebateService>().ReleaseAsync(stale, default);
                await db.SaveChangesAsync();
            });
        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(5m, mine["pending"]!.GetValue<decimal>());
        Assert.Equal(0m, mine["available"]!.GetValue<decimal>());

        // The next run reads it afresh and credits the 5.00 left.
        var run = await (await admin.PostAsync("/api/admin/jobs/rebates.release/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, run["processed"]!.GetValue<int>());
        mine = await member.Json("/api/me/rebates");
        Assert.Equal(0m, mine["pending"]!.GetValue<decimal>());
        Assert.Equal(5m, mine["available"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_withdrawal_decided_by_someone_else_after_it_was_read_is_a_stale_read_that_moves_no_money(bool approve)
    {
        await using var app = await MallApp.StartAsync();
        await CompletedOrderAsync(app);
        await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        var member = await app.SignInAsync(Phone);
        var w = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 10, account = "6222020200112233" })).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(w.Str("id"));

        // One finance click reads the withdrawal; another approves it and commits first.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        await db.Withdrawals.SingleAsync(x => x.Id == id);
        var finance = await app.StaffAsync("finance");
        (await finance.PostAsync($"/api/admin/withdrawals/{id}/approve", null)).EnsureSuccessStatusCode();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            scope.ServiceProvider.GetRequiredService<Withdrawals>().DecideAsync(id, approve, null, MemberMall.Common.Actor.System, default));

        // Paid once: nothing frozen, nothing back in the balance, one payout entry.
        var mine = await member.Json("/api/me/rebates");
        Assert.Equal(0m, mine["available"]!.GetValue<decimal>());
        Assert.Equal(0m, mine["frozen"]!.GetValue<decimal>());
        Assert.Equal(1, await app.WithDb(d => d.RebateEntries.CountAsync(e => e.SourceId == id.ToString() && e.Kind == RebateEntryKind.WithdrawPaid)));
        Assert.Equal(0, await app.WithDb(d => d.RebateEntries.CountAsync(e => e.SourceId == id.ToString() && e.Kind == RebateEntryKind.WithdrawReturned)));
    }
}
