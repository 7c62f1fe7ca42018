using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Members;

public class ConsumptionStatsTests
{
    [Fact]
    public async Task The_favourite_category_follows_the_spend_per_category_through_payments_and_refunds()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var digital = await admin.CategoryAsync("数码");
        var tea = await admin.CategoryAsync("茶叶");
        var books = await admin.CategoryAsync("图书");
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 100m, 20, digital);
        var puer = await admin.ProductAsync("云南普洱茶饼", 300m, 20, tea);
        var novel = await admin.ProductAsync("三体", 50m, 20, books);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var memberId = (await member.Json("/api/me")).Str("id");

        async Task<JsonNode> StatsAsync()
        {
            var mine = (await member.Json("/api/me"))["stats"]!;
            var staffView = (await admin.Json($"/api/admin/members/{memberId}"))["stats"]!;
            Assert.Equal(mine.ToJsonString(), staffView.ToJsonString());
            return mine;
        }

        var paid = new List<decimal>();
        async Task<JsonNode> PayAsync(Guid product, int quantity)
        {
            var order = await app.PaidOrderAsync(member, address, (product, quantity));
            paid.Add(order["paid"]!.GetValue<decimal>());
            return order;
        }

        Assert.Null((await StatsAsync())["favouriteCategory"]);
        await PayAsync(earbuds, 1);
        Assert.Equal("数码", (await StatsAsync())["favouriteCategory"]!.Str("name"));
        await PayAsync(puer, 1);
        Assert.Equal(tea.ToString(), (await StatsAsync())["favouriteCategory"]!.Str("id"));
        // A smaller spend in a third category leaves the favourite where it is.
        await PayAsync(novel, 1);
        Assert.Equal("茶叶", (await StatsAsync())["favouriteCategory"]!.Str("name"));
        // 100 + 300 in 数码 now beats 300 in 茶叶.
        var big = await PayAsync(earbuds, 3);
        Assert.Equal("数码", (await StatsAsync())["favouriteCategory"]!.Str("name"));

        // Two of the three come back: 数码 falls to 200, and 茶叶 is the favourite again.
        var request = await (await member.PostAsJsonAsync($"/api/orders/{big.Str("id")}/after-sales",
            new { type = "refund", items = new[] { new { orderItemId = big["items"]![0].Str("id"), quantity = 2 } }, reason = "买多了" }))
            .ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        var refund = (await (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/refund", null)).ShouldBe(HttpStatusCode.OK))["refund"]!
            .GetValue<decimal>();
        Assert.Equal(200m, refund);

        var stats = await StatsAsync();
        Assert.Equal("茶叶", stats["favouriteCategory"]!.Str("name"));
        Assert.Equal(4, stats["orderCount"]!.GetValue<int>());
        Assert.Equal(paid.Sum() - refund, stats["totalSpend"]!.GetValue<decimal>());
        Assert.Equal(Math.Round((paid.Sum() - refund) / 4, 2, MidpointRounding.AwayFromZero), stats["averageSpend"]!.GetValue<decimal>());
    }

    /// <summary>A shop with a ¥120 tea cake in 茶叶 and a ¥100 novel in 图书 (both free of freight), and a member with an address.</summary>
    private sealed record TwoCategories(Guid Tea, Guid Books, Guid Puer, Guid Novel, HttpClient Member, Guid Address, Guid MemberId);

    private static async Task<TwoCategories> TwoCategoriesAsync(MallApp app)
    {
        var admin = await app.AdminAsync();
        var tea = await admin.CategoryAsync("茶叶");
        var books = await admin.CategoryAsync("图书");
        var puer = await admin.ProductAsync("云南普洱茶饼", 120m, 50, tea);
        var novel = await admin.ProductAsync("三体", 100m, 50, books);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        return new TwoCategories(tea, books, puer, novel, member, address, Guid.Parse((await member.Json("/api/me")).Str("id")));
    }

    [Fact]
    public async Task Payments_of_one_members_orders_that_arrive_at_once_all_count()
    {
        await using var app = await MallApp.StartAsync();
        var (tea, books, puer, novel, member, address, memberId) = await TwoCategoriesAsync(app);

        // Eight orders, four per category, none paid yet: every payment below is the first in its category for some of the others.
        var payments = new List<(string TradeNo, long Fen)>();
        for (var i = 0; i < 8; i++)
        {
            var order = await member.OrderAsync(address, (i % 2 == 0 ? puer : novel, 1));
            var payment = await member.StartSandboxAsync(order.Str("id"));
            payments.Add((payment.Str("tradeNo"), (long)(payment["amount"]!.GetValue<decimal>() * 100)));
        }
        var gateway = app.Anonymous();
        var responses = await Task.WhenAll(payments.Select(p => gateway.NotifyAsync(p.TradeNo, p.Fen)));

        foreach (var r in responses) Assert.Equal("paid", (await r.ShouldBe(HttpStatusCode.OK)).Str("result"));
        var stats = (await member.Json("/api/me"))["stats"]!;
        Assert.Equal(8, stats["orderCount"]!.GetValue<int>());
        Assert.Equal(payments.Sum(p => p.Fen) / 100m, stats["totalSpend"]!.GetValue<decimal>());
        Assert.Equal("茶叶", stats["favouriteCategory"]!.Str("name"));
        var spends = await app.WithDb(db => db.MemberCategorySpends.Where(s => s.MemberId == memberId).ToDictionaryAsync(s => s.CategoryId, s => s.SpendFen));
        Assert.Equal(2, spends.Count);
        Assert.Equal(4 * 120_00, spends[tea]);
        Assert.Equal(4 * 100_00, spends[books]);
        // Each payment saw the member as it was left by the one before it: the first-order bonus went to one order only.
        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Rule == "first-order")));
        Assert.Equal(8, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Rule == "earn")));
    }

    [Fact]
    public async Task Cash_on_delivery_orders_of_one_member_confirmed_at_once_count_each_once_or_ask_to_try_again()
    {
        await using var app = await MallApp.StartAsync();
        var (_, _, puer, novel, member, address, memberId) = await TwoCategoriesAsync(app);
        var orders = new List<string>();
        for (var i = 0; i < 6; i++) orders.Add((await member.OrderAsync(address, (i % 2 == 0 ? puer : novel, 1))).Str("id"));

        var responses = await Task.WhenAll(orders.Select(id => member.PostAsJsonAsync($"/api/orders/{id}/payments", new { method = "cod" })));

        var confirmed = new List<string>();
        for (var i = 0; i < orders.Count; i++)
        {
            if (responses[i].StatusCode == HttpStatusCode.OK) confirmed.Add(orders[i]);
            else await responses[i].ShouldFail(HttpStatusCode.Conflict, "concurrency.stale");
        }
        Assert.NotEmpty(confirmed);
        Assert.Equal(confirmed.Count, (await member.Json("/api/me"))["stats"]!["orderCount"]!.GetValue<int>());
        foreach (var id in orders.Except(confirmed))
        {
            Assert.Equal("pending_payment", (await member.Json($"/api/orders/{id}")).Str("status"));
            await (await member.PostAsJsonAsync($"/api/orders/{id}/payments", new { method = "cod" })).ShouldBe(HttpStatusCode.OK);
        }

        Assert.Equal(6, (await member.Json("/api/me"))["stats"]!["orderCount"]!.GetValue<int>());
        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.MemberId == memberId && e.Rule == "first-order")));
        Assert.Equal(2, await app.WithDb(db => db.MemberCategorySpends.CountAsync(s => s.MemberId == memberId)));
    }
}
