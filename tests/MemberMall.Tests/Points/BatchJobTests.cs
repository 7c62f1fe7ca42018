using System.Net;
using System.Net.Http.Json;
using MemberMall.Features.Points;
using MemberMall.Features.Rebates;
using MemberMall.Tests.Support;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Points;

/// <summary>
/// The expiry and settlement runs over several members at once, and two runs started together. Batches of two rows
/// make each run take several batches (on PostgreSQL the expiry runs two of them at a time, over lots that share one
/// expiry instant, since the test clock stands still).
/// </summary>
public class BatchJobTests
{
    private static readonly Dictionary<string, string?> SmallBatches = new() { ["Jobs:BatchSize"] = "2" };

    private static async Task<int> RunTogetherAsync(HttpClient admin, string job)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.PostAsync($"/api/admin/jobs/{job}/run", null)));
        var processed = 0;
        foreach (var run in runs) processed += (await run.ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>();
        return processed;
    }

    private static async Task Adjust(HttpClient admin, Guid member, long points) =>
        (await admin.PostAsJsonAsync($"/api/admin/members/{member}/points/adjustments", new { points, reason = "测试调整" })).EnsureSuccessStatusCode();

    private static async Task ExpireAfterThirtyDaysAsync(HttpClient admin) =>
        (await admin.PutAsJsonAsync("/api/admin/points/settings", new
        {
            earnRate = 1, returnWindowDays = 7, expiry = "days_after_available", expiryDays = 30, redeemPointsPerYuan = 100, redeemMinPoints = 100,
            redeemMaxPointsPerOrder = 100000, redeemMaxSharePercent = 50, registrationPoints = 0, firstOrderPoints = 0, reviewPoints = 0,
        })).EnsureSuccessStatusCode();

    [Fact]
    public async Task A_lot_read_before_the_expiry_job_expired_it_is_not_written_back()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await ExpireAfterThirtyDaysAsync(admin);
        var (member, _) = await app.RegisterAsync(phone: "13812345621");
        await Adjust(admin, member, 500);
        app.Clock.Advance(TimeSpan.FromDays(31));

        // A request has read the lot, as a refund's clawback does, before the job expires it.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var stale = await db.PointsLots.SingleAsync(l => l.MemberId == member);
        admin = await app.AdminAsync();
        (await admin.PostAsync("/api/admin/jobs/points.expire/run", null)).EnsureSuccessStatusCode();
        stale.Take(200);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        var lot = await app.WithDb(d => d.PointsLots.AsNoTracking().SingleAsync(l => l.Id == stale.Id));
        Assert.Equal((0L, LotStatus.Expired), (lot.Remaining, lot.Status));
        await PointsFlowTests.AssertLedgerBalances(app, member);
    }

    [Fact]
    public async Task Two_expiry_runs_together_expire_every_due_lot_of_every_member_once()
    {
        await using var app = await MallApp.StartAsync(SmallBatches);
        var admin = await app.AdminAsync();
        await ExpireAfterThirtyDaysAsync(admin);
        var (a, _) = await app.RegisterAsync(phone: "13812345601");
        var (b, _) = await app.RegisterAsync(phone: "13812345602");
        var (c, _) = await app.RegisterAsync(phone: "13812345603");
        // A minute apart, so the lots expire at different instants and the small batches can run side by side.
        foreach (var (member, points) in new[] { (a, 500L), (a, 300L), (a, -600L), (b, 100L), (c, 70L), (c, -70L) })
        {
            await Adjust(admin, member, points);   // a's debit drains its first lot and 100 of the second; c's lot ends empty
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        app.Clock.Advance(TimeSpan.FromDays(20));
        admin = await app.AdminAsync();
        await Adjust(admin, b, 50);        // not due at the run
        app.Clock.Advance(TimeSpan.FromDays(11));

        admin = await app.AdminAsync();
        Assert.Equal(4, await RunTogetherAsync(admin, "points.expire"));
        Assert.Equal(0, (await (await admin.PostAsync("/api/admin/jobs/points.expire/run", null)).ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>());

        var balances = await app.WithDb(db => db.PointsAccounts.AsNoTracking().ToDictionaryAsync(x => x.MemberId, x => x.Available));
        Assert.Equal(0, balances[a]);
        Assert.Equal(50, balances[b]);
        Assert.Equal(0, balances[c]);
        var expiries = await app.WithDb(db => db.PointsEntries.AsNoTracking().Where(e => e.Kind == PointsEntryKind.Expire)
            .Select(e => new { e.MemberId, e.Points, e.AvailableAfter, e.SourceId }).ToListAsync());
        Assert.Equal(2, expiries.Count);
        Assert.Equal(200, expiries.Single(e => e.MemberId == a).Points * -1);
        Assert.Equal(0, expiries.Single(e => e.MemberId == a).AvailableAfter);
        Assert.Equal(50, expiries.Single(e => e.MemberId == b).AvailableAfter);
        Assert.Equal(2, await app.WithDb(db => db.LotDraws.CountAsync(d => db.PointsEntries.Any(e => e.Id == d.EntryId && e.Kind == PointsEntryKind.Expire))));
        foreach (var member in new[] { a, b, c }) await PointsFlowTests.AssertLedgerBalances(app, member);
    }

    [Fact]
    public async Task Two_settlement_runs_together_write_one_statement_per_member()
    {
        await using var app = await MallApp.StartAsync(SmallBatches);
        var admin = await app.AdminAsync();
        await admin.RebateProgramAsync("monthly");
        var product = await admin.ProductAsync("机械键盘", 100m, 20);
        var buyers = new[] { ("13812345611", 2), ("13812345612", 1), ("13812345613", 3) };
        foreach (var (phone, quantity) in buyers)
        {
            var member = await app.MemberAsync(phone);
            var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, quantity));
            await admin.DeliverAsync(order.Str("id"), "SF" + phone);
        }
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        app.Clock.Advance(TimeSpan.FromDays(20));

        admin = await app.AdminAsync();
        Assert.Equal(3, await RunTogetherAsync(admin, "rebates.settle"));
        Assert.Equal(0, (await (await admin.PostAsync("/api/admin/jobs/rebates.settle/run", null)).ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>());

        foreach (var (phone, quantity) in buyers)
        {
            var mine = await (await app.SignInAsync(phone)).Json("/api/me/rebates");
            Assert.Equal(5m * quantity, mine["available"]!.GetValue<decimal>());
            Assert.Equal(0m, mine["pending"]!.GetValue<decimal>());
            var statement = Assert.Single(mine["statements"]!.AsArray())!;
            Assert.Equal(5m * quantity, statement["amount"]!.GetValue<decimal>());
        }
        var (accounts, entries, held) = await app.WithDb(async db => (
            await db.RebateAccounts.AsNoTracking().ToListAsync(),
            await db.RebateEntries.AsNoTracking().ToListAsync(),
            await db.RebateAccruals.CountAsync(x => x.Status != AccrualStatus.Credited)));
        Assert.Equal(0, held);
        Assert.All(accounts, account =>
        {
            var mine = entries.Where(e => e.MemberId == account.MemberId).ToList();
            Assert.Equal(account.AvailableFen, mine.Sum(e => e.AvailableChange));
            Assert.Equal(account.PendingFen, mine.Sum(e => e.PendingChange));
            Assert.Equal(account.AvailableFen, mine.Where(e => e.Kind == RebateEntryKind.Release).OrderBy(e => e.CreatedAt).Last().AvailableAfter);
        });
    }
}
