using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

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
}
