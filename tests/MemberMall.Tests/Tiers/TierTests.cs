using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Tiers;

public class TierTests
{
    internal static async Task LadderAsync(HttpClient admin, string downgrade = "periodic", int graceDays = 30)
    {
        await admin.PostTierAsync(new { code = "normal", name = "普通会员", rank = 0, metric = "spend", threshold = 0 });
        await admin.PostTierAsync(new { code = "silver", name = "银卡会员", rank = 1, metric = "spend", threshold = 1000, pricePercent = 95, pointsMultiplier = 2 });
        await admin.PostTierAsync(new { code = "gold", name = "金卡会员", rank = 2, metric = "spend", threshold = 5000, pricePercent = 90, freeShipping = true });
        await PointsRulesAsync(admin, downgrade, graceDays);
    }

    /// <summary>One point per yuan, pending for 7 days, never expiring; no points for registering, a first order or a review.</summary>
    private static async Task PointsRulesAsync(HttpClient admin, string downgrade = "periodic", int graceDays = 30) =>
        (await admin.PutAsJsonAsync("/api/admin/points/settings", new
        {
            earnRate = 1, returnWindowDays = 7, expiry = "never", expiryDays = 0, redeemPointsPerYuan = 100, redeemMinPoints = 100,
            redeemMaxPointsPerOrder = 100000, redeemMaxSharePercent = 50, registrationPoints = 0, firstOrderPoints = 0, reviewPoints = 0,
            tierDowngrade = downgrade, tierGraceDays = graceDays,
        })).EnsureSuccessStatusCode();

    private static async Task<HttpClient> Relogin(MallApp app) => app.WithToken((await app.LoginAsync("13812345678", MallApp.MemberPassword)).Str("accessToken"));

    [Fact]
    public async Task Paying_past_the_threshold_upgrades_at_once_and_the_new_tier_prices_the_next_order()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await LadderAsync(admin);
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var tea = await admin.ProductAsync("云南普洱茶饼", 80m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        Assert.Equal("normal", (await member.Json("/api/me"))["tier"]!.Str("code"));

        await app.PaidOrderAsync(member, address, (monitor, 1));

        var mine = await member.Json("/api/me/tier");
        Assert.Equal("silver", mine["tier"]!.Str("code"));
        Assert.Equal("gold", mine["next"]!.Str("code"));
        Assert.Equal(120_000, mine["progress"]!["current"]!.GetValue<long>());
        Assert.Equal(380_000, mine["progress"]!["remaining"]!.GetValue<long>());
        var history = Assert.Single(mine["history"]!.AsArray())!;
        Assert.Equal("银卡会员", history.Str("to"));
        Assert.Contains("qualified", history.Str("reason"));

        Assert.Equal(76m, (await member.Json($"/api/products/{tea}"))["memberPrice"]!.GetValue<decimal>());
        Assert.Null((await app.Anonymous().Json($"/api/products/{tea}"))["memberPrice"]);
        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, items = new[] { new { productId = tea, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(-4m, preview["adjustments"]!.AsArray().Single(a => a.Str("kind") == "member_price")!["amount"]!.GetValue<decimal>());
        Assert.Equal(86m, preview["total"]!.GetValue<decimal>());

        await app.PaidOrderAsync(member, address, (tea, 1));
        // Silver earns double: 76 yuan of goods, 152 points, on top of the first order's 1200.
        Assert.Equal(1352, (await member.Json("/api/me/points"))["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_payment_that_earns_the_points_a_tier_asks_for_upgrades_at_once()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.PostTierAsync(new { code = "normal", name = "普通会员", rank = 0, metric = "spend", threshold = 0 });
        await admin.PostTierAsync(new { code = "silver", name = "银卡会员", rank = 1, metric = "points", threshold = 1000 });
        await admin.PostTierAsync(new { code = "gold", name = "金卡会员", rank = 2, metric = "points", threshold = 5000 });
        await PointsRulesAsync(admin);
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var member = await app.MemberAsync("13812345678");

        // The payment's own earn entry (1,200 points, still pending) is what lifts the member past silver's 1,000.
        await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 1));

        var mine = await member.Json("/api/me/tier");
        Assert.Equal("silver", mine["tier"]!.Str("code"));
        Assert.Equal(1200, mine["progress"]!["current"]!.GetValue<long>());
        Assert.Contains("qualified", Assert.Single(mine["history"]!.AsArray())!.Str("reason"));
    }

    [Fact]
    public async Task A_tier_specific_product_price_wins_over_the_percentage_and_gold_ships_free()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await LadderAsync(admin);
        var tiers = await admin.Json("/api/admin/tiers");
        var gold = tiers.AsArray().Single(t => t.Str("code") == "gold")!.Str("id");
        var big = await admin.ProductAsync("钻石项链", 6000m, 5);
        var soap = await admin.ProductAsync("香氛沐浴露", 50m, 10);
        (await admin.PutAsJsonAsync($"/api/admin/products/{soap}/tier-prices", new[] { new { tierId = gold, price = 30m } })).EnsureSuccessStatusCode();
        // A list naming a tier that does not exist is refused whole: the price set before stays.
        await (await admin.PutAsJsonAsync($"/api/admin/products/{soap}/tier-prices", new[] { new { tierId = gold, price = 10m }, new { tierId = Guid.NewGuid().ToString(), price = 10m } }))
            .ShouldFail(HttpStatusCode.NotFound, "tier.not_found");
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        await app.PaidOrderAsync(member, address, (big, 1));
        Assert.Equal("gold", (await member.Json("/api/me"))["tier"]!.Str("code"));

        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, items = new[] { new { productId = soap, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.OK);

        Assert.Equal(-20m, preview["adjustments"]!.AsArray().Single(a => a.Str("kind") == "member_price")!["amount"]!.GetValue<decimal>());
        Assert.Contains(preview["adjustments"]!.AsArray(), a => a.Str("kind") == "tier_free_shipping");
        Assert.Equal(30m, preview["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_refund_lowers_progress_and_the_periodic_policy_downgrades_at_the_next_evaluation()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await LadderAsync(admin, "periodic");
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var member = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 1));
        var r = await (await member.PostAsJsonAsync($"/api/orders/{order.Str("id")}/after-sales", new { type = "refund", items = new[] { new { orderItemId = order["items"]![0].Str("id"), quantity = 1 } }, reason = "不要了" }))
            .ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/after-sales/{r.Str("id")}/refund", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, (await member.Json("/api/me/tier"))["progress"]!["current"]!.GetValue<long>());
        Assert.Equal("silver", (await member.Json("/api/me"))["tier"]!.Str("code"));

        var run = await (await admin.PostAsync("/api/admin/jobs/tiers.reevaluate/run", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(1, run["processed"]!.GetValue<int>());
        var mine = await member.Json("/api/me/tier");
        Assert.Equal("normal", mine["tier"]!.Str("code"));
        Assert.Equal(["普通会员", "银卡会员"], mine["history"]!.AsArray().Select(h => h.Str("to")));
    }

    [Fact]
    public async Task The_one_step_policy_waits_out_the_grace_period_then_drops_one_tier_at_a_time()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await LadderAsync(admin, "one_step_with_grace", graceDays: 10);
        var big = await admin.ProductAsync("钻石项链", 6000m, 5);
        var member = await app.MemberAsync("13812345678");
        await app.PaidOrderAsync(member, await member.AddressAsync(), (big, 1));
        Assert.Equal("gold", (await member.Json("/api/me"))["tier"]!.Str("code"));

        app.Clock.Advance(TimeSpan.FromDays(366));
        admin = await app.AdminAsync();
        (await admin.PostAsync("/api/admin/jobs/tiers.reevaluate/run", null)).EnsureSuccessStatusCode();
        Assert.Equal("gold", (await (await Relogin(app)).Json("/api/me"))["tier"]!.Str("code"));
        app.Clock.Advance(TimeSpan.FromDays(11));
        admin = await app.AdminAsync();
        (await admin.PostAsync("/api/admin/jobs/tiers.reevaluate/run", null)).EnsureSuccessStatusCode();

        Assert.Equal("silver", (await (await Relogin(app)).Json("/api/me"))["tier"]!.Str("code"));
    }

    [Fact]
    public async Task The_never_policy_keeps_the_tier_and_bad_tier_definitions_are_refused()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await LadderAsync(admin, "never");
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var member = await app.MemberAsync("13812345678");
        await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 1));
        app.Clock.Advance(TimeSpan.FromDays(400));
        admin = await app.AdminAsync();
        (await admin.PostAsync("/api/admin/jobs/tiers.reevaluate/run", null)).EnsureSuccessStatusCode();
        Assert.Equal("silver", (await (await Relogin(app)).Json("/api/me"))["tier"]!.Str("code"));

        await (await admin.PostAsJsonAsync("/api/admin/tiers", new { code = "vip", name = "VIP", rank = 1, metric = "spend", threshold = 10 }))
            .ShouldFail(HttpStatusCode.Conflict, "tier.exists");
        await (await admin.PostAsJsonAsync("/api/admin/tiers", new { code = "x", name = "X", rank = 5, metric = "luck", threshold = 10 }))
            .ShouldFail(HttpStatusCode.BadRequest, "tier.metric_invalid");
        await (await admin.PostAsJsonAsync("/api/admin/tiers", new { code = "y", name = "Y", rank = 6, metric = "orders", threshold = 0 }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "tier.threshold_invalid");
    }
}

internal static class TierBuilders
{
    public static async Task PostTierAsync(this HttpClient admin, object tier) =>
        await (await admin.PostAsJsonAsync("/api/admin/tiers", tier)).ShouldBe(HttpStatusCode.Created);
}

public class CalendarYearTierTests
{
    [Fact]
    public async Task A_calendar_year_tier_counts_spend_since_new_year_in_the_shop_time_zone()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.PostTierAsync(new { code = "normal", name = "普通会员", rank = 0, metric = "spend", threshold = 0 });
        await admin.PostTierAsync(new { code = "silver", name = "银卡会员", rank = 1, metric = "orders", threshold = 2, window = "calendar_year" });
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        await app.PaidOrderAsync(member, address, (product, 1));
        Assert.Equal("normal", (await member.Json("/api/me"))["tier"]!.Str("code"));
        await app.PaidOrderAsync(member, address, (product, 1));

        var mine = await member.Json("/api/me/tier");
        Assert.Equal("silver", mine["tier"]!.Str("code"));
        Assert.Equal("2025-12-31T16:00:00+00:00", mine["progress"]!.Str("windowStart"));
    }

    [Fact]
    public async Task The_admin_member_list_filters_by_tier_and_counts_members_without_a_tier_row_in_the_lowest()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await TierTests.LadderAsync(admin);
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var buyer = await app.MemberAsync("13812345678");
        await app.PaidOrderAsync(buyer, await buyer.AddressAsync(), (monitor, 1));
        await app.MemberAsync("13812345679");

        var silver = await admin.Json("/api/admin/members?tier=silver");
        var normal = await admin.Json("/api/admin/members?tier=normal");
        var gold = await admin.Json("/api/admin/members?tier=GOLD");

        Assert.EndsWith("5678", Assert.Single(silver["items"]!.AsArray())!.Str("phone"));
        Assert.Equal(1, silver["total"]!.GetValue<int>());
        Assert.Equal(1, normal["total"]!.GetValue<int>());
        Assert.EndsWith("5679", Assert.Single(normal["items"]!.AsArray())!.Str("phone"));
        Assert.Equal(0, gold["total"]!.GetValue<int>());
        await (await admin.GetAsync("/api/admin/members?tier=platinum")).ShouldFail(HttpStatusCode.BadRequest, "members.tier_unknown");
    }
}
