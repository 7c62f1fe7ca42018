using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Common;
using MemberMall.Features.Points;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Points;

public class PointsFlowTests
{
    private static async Task<long> Available(HttpClient member) => (await member.Json("/api/me/points"))["available"]!.GetValue<long>();
    private static async Task<long> Pending(HttpClient member) => (await member.Json("/api/me/points"))["pending"]!.GetValue<long>();

    private static async Task<HttpClient> Relogin(MallApp app, string phone) =>
        app.WithToken((await app.LoginAsync(phone, MallApp.MemberPassword)).Str("accessToken"));

    [Fact]
    public async Task Points_earned_at_payment_are_pending_until_the_return_window_after_completion_closes()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 128.8m, 10);
        var member = await app.MemberAsync("13812345678");
        Assert.Equal(100, await Available(member));

        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 2));
        // 257.60 paid for goods at 1 point per yuan: 257 points, plus 200 for the first order.
        Assert.Equal(457, await Pending(member));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        (await member.PostAsync($"/api/orders/{order.Str("id")}/confirm-receipt", null)).EnsureSuccessStatusCode();
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        (await admin.PostAsync("/api/admin/jobs/points.release/run", null)).EnsureSuccessStatusCode();
        member = await Relogin(app, "13812345678");
        Assert.Equal(457, await Pending(member));

        app.Clock.Advance(TimeSpan.FromDays(7));
        admin = await app.AdminAsync();
        var released = await (await admin.PostAsync("/api/admin/jobs/points.release/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, released["processed"]!.GetValue<int>());

        member = await Relogin(app, "13812345678");
        Assert.Equal(0, await Pending(member));
        Assert.Equal(557, await Available(member));
        var entries = (await member.Json("/api/me/points/entries"))["items"]!.AsArray();
        Assert.Equal(["release", "release", "earn", "earn", "earn"], entries.Select(e => e.Str("kind")));
        Assert.Equal(557, entries[0]!["balanceAfter"]!.GetValue<long>());
    }

    [Fact]
    public async Task Points_pay_part_of_an_order_and_cancelling_puts_them_back_into_the_same_lots()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("降噪头戴式耳机", 100m, 10);
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 2000, reason = "客服补偿" })).EnsureSuccessStatusCode();
        var member = await Relogin(app, "13812345678");
        var address = await member.AddressAsync();

        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, pointsToUse = 1500, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(-15m, preview["adjustments"]!.AsArray().Single(a => a.Str("kind") == "points")!["amount"]!.GetValue<decimal>());
        Assert.Equal(85m, preview["total"]!.GetValue<decimal>());
        await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, pointsToUse = 6000, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "points.above_maximum");
        await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, pointsToUse = 50, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "points.below_minimum");

        var order = await (await member.PostAsJsonAsync("/api/orders", new { addressId = address, pointsToUse = 1500, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.Equal(85m, order["total"]!.GetValue<decimal>());
        Assert.Equal(600, await Available(member));

        (await member.PostAsync($"/api/orders/{order.Str("id")}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal(2100, await Available(member));
        var lots = await app.WithDb(db => db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.EarnedAt).ToListAsync());
        Assert.All(lots, l => Assert.Equal(l.Original, l.Remaining));
        await (await member.PostAsync($"/api/orders/{order.Str("id")}/cancel", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.invalid_transition");
        Assert.Equal(2100, await Available(member));
    }

    [Fact]
    public async Task A_partial_refund_claws_back_what_the_line_earned_and_returns_what_it_redeemed()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var cheap = await admin.ProductAsync("婴儿湿巾 80 抽", 50m, 10);
        var dear = await admin.ProductAsync("机械键盘", 150m, 10);
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 1000, reason = "活动奖励" })).EnsureSuccessStatusCode();
        var member = await Relogin(app, "13812345678");
        var address = await member.AddressAsync();
        var order = await (await member.PostAsJsonAsync("/api/orders", new
        {
            addressId = address, pointsToUse = 1000, items = new[] { new { productId = cheap, quantity = 2 }, new { productId = dear, quantity = 1 } },
        })).ShouldBe(HttpStatusCode.Created);
        var payment = await member.StartSandboxAsync(order.Str("id"));
        await (await app.Anonymous().NotifyAsync(payment.Str("tradeNo"), 24_000)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(100, await Available(member));
        // Goods 250 yuan less 10 yuan of points = 240 yuan earns 240 points (line shares 96 + 144), plus the first-order bonus.
        Assert.Equal(440, await Pending(member));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();

        var cheapLine = order["items"]!.AsArray().Single(i => i.Str("productId") == cheap.ToString())!.Str("id");
        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "refund", items = new[] { new { orderItemId = cheapLine, quantity = 1 } }, reason = "破损" }))
            .ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        var refunded = await (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(48m, refunded["refund"]!.GetValue<decimal>());
        Assert.Equal(440 - 48, await Pending(member));
        Assert.Equal(100 + 200, await Available(member));
        var again = await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceType == "refund"));
        Assert.Equal(2, again);
        await AssertLedgerBalances(app, memberId);
    }

    [Fact]
    public async Task The_expiry_job_expires_due_lots_once_and_reads_never_expire_anything()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        (await admin.PutAsJsonAsync("/api/admin/points/settings", new
        {
            earnRate = 1, returnWindowDays = 7, expiry = "days_after_available", expiryDays = 30, redeemPointsPerYuan = 100, redeemMinPoints = 100,
            redeemMaxPointsPerOrder = 100000, redeemMaxSharePercent = 50, registrationPoints = 100, firstOrderPoints = 200, reviewPoints = 10,
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 500, reason = "补偿" })).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromDays(31));
        var member = await Relogin(app, "13812345678");
        Assert.Equal(600, await Available(member));
        admin = await app.AdminAsync();
        var first = await (await admin.PostAsync("/api/admin/jobs/points.expire/run", null)).ShouldBe(HttpStatusCode.OK);
        var second = await (await admin.PostAsync("/api/admin/jobs/points.expire/run", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(1, first["processed"]!.GetValue<int>());
        Assert.Equal(0, second["processed"]!.GetValue<int>());
        Assert.Equal(100, await Available(member));
        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.Kind == PointsEntryKind.Expire)));
        await AssertLedgerBalances(app, memberId);
    }

    [Fact]
    public async Task A_manual_adjustment_is_audited_and_cannot_take_the_balance_below_zero()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");

        await (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = -101, reason = "扣回" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "points.insufficient");
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = -100, reason = "扣回" })).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 0, reason = "无" }))
            .ShouldFail(HttpStatusCode.BadRequest, "points.amount_invalid");

        var audit = await admin.Json($"/api/admin/audit?action=points.adjust&entityId={memberId}");
        Assert.Single(audit["items"]!.AsArray());
        Assert.Equal(0, (await admin.Json($"/api/admin/members/{memberId}/points"))["available"]!.GetValue<long>());
        await AssertLedgerBalances(app, memberId);
    }

    [Fact]
    public async Task Fifty_concurrent_redemptions_against_a_balance_for_ten_let_exactly_ten_through()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("纯棉四件套", 100m, 100);
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 900, reason = "活动" })).EnsureSuccessStatusCode();
        var member = await Relogin(app, "13812345678");
        var address = await member.AddressAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            member.PostAsJsonAsync("/api/orders", new { addressId = address, pointsToUse = 100, items = new[] { new { productId = product, quantity = 1 } } })));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "points.insufficient");
        Assert.Equal(0, await Available(member));
        Assert.Equal(90, await admin.StockAsync(product));
        await AssertLedgerBalances(app, memberId);
    }

    [Fact]
    public async Task Twenty_concurrent_awards_for_one_paid_order_credit_it_once()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
        var orderId = Guid.Parse(order.Str("id"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MemberMall.Infrastructure.MallDb>();
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                var o = await db.Orders.Include(x => x.Items).SingleAsync(x => x.Id == orderId);
                await scope.ServiceProvider.GetRequiredService<OrderPoints>().AwardAsync(o, firstPaidOrder: true, CancellationToken.None);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                return "ok";
            }
            catch (DbUpdateException)
            {
                return "duplicate";
            }
        }));

        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceId == orderId.ToString() && e.Rule == "earn")));
        Assert.Equal(99 + 200, await Pending(member));
        Assert.DoesNotContain(outcomes, o => o is not ("ok" or "duplicate"));
    }

    [Fact]
    public async Task Payment_notices_and_points_adjustments_of_one_member_at_once_all_count_and_each_entry_follows_the_one_before()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 100);
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        var member = await Relogin(app, "13812345678");
        var address = await member.AddressAsync();
        var welcome = await Available(member);
        var payments = new List<(string TradeNo, long Fen)>();
        for (var i = 0; i < 6; i++)
        {
            var payment = await member.StartSandboxAsync((await member.OrderAsync(address, (product, 1))).Str("id"));
            payments.Add((payment.Str("tradeNo"), (long)(payment["amount"]!.GetValue<decimal>() * 100)));
        }

        // Each notice reads the member's account with its payment and saves it with its batch; each adjustment changes
        // it in between with a statement of its own.
        var gateway = app.Anonymous();
        var responses = await Task.WhenAll(payments.Select(p => gateway.NotifyAsync(p.TradeNo, p.Fen))
            .Concat(Enumerable.Range(1, 6).Select(i => admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = i * 10, reason = "活动" }))));

        foreach (var r in responses) await r.ShouldBe(HttpStatusCode.OK);
        var (earned, paid) = await app.WithDb(async db => (
            await db.PointsEntries.Where(e => e.MemberId == memberId && e.SourceType == "order").SumAsync(e => e.PendingChange),
            await db.Orders.CountAsync(o => o.MemberId == memberId && o.Status == MemberMall.Features.Orders.OrderStatus.Paid)));
        Assert.Equal(6, paid);
        Assert.True(earned >= 6 * 99);
        Assert.Equal(earned, await Pending(member));
        Assert.Equal(welcome + 210, await Available(member));
        await AssertLedgerBalances(app, memberId);
    }

    [Fact]
    public async Task A_credit_to_an_account_read_with_the_request_finds_it_changed_since_and_keeps_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        var welcome = await app.WithDb(d => d.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Available).SingleAsync());

        // This request reads the account and credits it in memory; another credits it in the database and commits first.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MemberMall.Infrastructure.MallDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        var account = await db.PointsAccounts.SingleAsync(a => a.MemberId == memberId);
        var credited = await ledger.CreditAsync(memberId, 100, pending: true, null, new PointsSource("test", "read", "earn"), null, Actor.System, default, account);
        Assert.Equal(100, credited!.Value.Entry.PendingAfter);
        await LedgerWork(app, (other, otherLedger) =>
            otherLedger.CreditAsync(memberId, 30, pending: false, app.Clock.GetUtcNow().AddDays(30), new PointsSource("test", "other", "earn"), null, Actor.System, default));
        // The two ways of changing one account do not mix in one unit.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ledger.DebitAsync(memberId, 1, PointsEntryKind.Redeem, new PointsSource("test", "mixed", "redeem"), null, Actor.System, default));

        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        var (stored, entries) = await app.WithDb(async d => (
            await d.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId),
            await d.PointsEntries.CountAsync(e => e.MemberId == memberId && e.SourceType == "test")));
        Assert.Equal(welcome + 30, stored.Available);
        Assert.Equal(0, stored.Pending);
        Assert.Equal(1, entries);
        await AssertLedgerBalances(app, memberId);
    }

    public enum LotRace { Clawback, Expire, Release }

    [Theory]
    [InlineData(LotRace.Clawback, false)]
    [InlineData(LotRace.Clawback, true)]
    [InlineData(LotRace.Expire, false)]
    [InlineData(LotRace.Expire, true)]
    [InlineData(LotRace.Release, false)]
    public async Task A_lot_another_request_took_from_after_it_was_read_is_a_stale_read_that_changes_nothing(LotRace race, bool otherPointsCoverIt)
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        // The registration points either stay (the account covers the stale lot, and saving the lot finds it changed)
        // or are spent first (the account itself refuses).
        var welcome = await app.WithDb(d => d.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Available).SingleAsync());
        Assert.True(welcome > 0);
        if (!otherPointsCoverIt)
            await LedgerWork(app, (db, ledger) => ledger.DebitAsync(memberId, welcome, PointsEntryKind.Redeem, new PointsSource("test", "spend", "redeem"), null, Actor.System, default));
        var lotId = await LedgerWork(app, async (db, ledger) =>
            (await ledger.CreditAsync(memberId, 100, pending: race == LotRace.Release, app.Clock.GetUtcNow().AddDays(1), new PointsSource("test", "credit", "earn"), null, Actor.System, default))!.Value.Lot.Id);

        // This request reads the lot; another takes all of it back (a second refund of the same order) and commits first.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MemberMall.Infrastructure.MallDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        var lot = await db.PointsLots.SingleAsync(l => l.Id == lotId);
        await LedgerWork(app, async (other, otherLedger) =>
            await otherLedger.ClawbackAsync(await other.PointsLots.SingleAsync(l => l.Id == lotId), 100, new PointsSource("test", "first", "clawback"), null, Actor.System, default));
        var entries = await app.WithDb(d => d.PointsEntries.CountAsync(e => e.MemberId == memberId));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(async () =>
            {
                await (race switch
                {
                    LotRace.Clawback => ledger.ClawbackAsync(lot, 100, new PointsSource("test", "second", "clawback"), null, Actor.System, default),
                    LotRace.Expire => ledger.ExpireAsync(lot, default),
                    _ => ledger.ReleaseAsync(lot, app.Clock.GetUtcNow().AddDays(30), Actor.System, default),
                });
                await db.SaveChangesAsync();
            });

        // Taken back once: the account, the entries and the lot agree, and nothing went below zero.
        await AssertLedgerBalances(app, memberId);
        Assert.Equal(entries, await app.WithDb(d => d.PointsEntries.CountAsync(e => e.MemberId == memberId)));
        Assert.Equal(0, await app.WithDb(d => d.PointsLots.Where(l => l.Id == lotId).Select(l => l.Remaining).SingleAsync()));
    }

    /// <summary>Runs ledger work in a transaction of its own and commits it.</summary>
    private static async Task<T> LedgerWork<T>(MallApp app, Func<MemberMall.Infrastructure.MallDb, PointsLedger, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MemberMall.Infrastructure.MallDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await work(db, scope.ServiceProvider.GetRequiredService<PointsLedger>());
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return result;
    }

    /// <summary>Rebuilds the balances from the entries and the lots and checks they agree with the account.</summary>
    internal static async Task AssertLedgerBalances(MallApp app, Guid memberId)
    {
        var (account, entries, lots) = await app.WithDb(async db => (
            await db.PointsAccounts.AsNoTracking().SingleAsync(a => a.MemberId == memberId),
            await db.PointsEntries.AsNoTracking().Where(e => e.MemberId == memberId).ToListAsync(),
            await db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).ToListAsync()));
        Assert.Equal(account.Available, entries.Sum(e => e.AvailableChange));
        Assert.Equal(account.Pending, entries.Sum(e => e.PendingChange));
        Assert.Equal(account.Available, lots.Where(l => l.Status == LotStatus.Available).Sum(l => l.Remaining));
        Assert.Equal(account.Pending, lots.Where(l => l.Status == LotStatus.Pending).Sum(l => l.Remaining));
        Assert.All(lots, l => Assert.InRange(l.Remaining, 0, l.Original));
        Assert.True(account.Available >= 0 && account.Pending >= 0);
        Assert.True(Chain(entries, (0, 0)), "The entries' balances after each change do not follow one from another, starting at zero.");
    }

    /// <summary>
    /// Whether the entries can be put in an order in which each starts from the balances the one before left: the
    /// balances it records minus its change are those of its predecessor (the first starts at zero).
    /// </summary>
    private static bool Chain(List<PointsEntry> left, (long Available, long Pending) at)
    {
        if (left.Count == 0) return true;
        foreach (var next in left.Where(e => e.AvailableAfter - e.AvailableChange == at.Available && e.PendingAfter - e.PendingChange == at.Pending).ToList())
            if (Chain(left.Where(e => e != next).ToList(), (next.AvailableAfter, next.PendingAfter))) return true;
        return false;
    }
}
