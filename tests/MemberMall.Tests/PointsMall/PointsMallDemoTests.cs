using System.Net;
using MemberMall.Features.Demo;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.PointsMall;

public class PointsMallDemoTests
{
    [Fact]
    public async Task The_demo_shop_offers_mall_items_with_chinese_names_that_the_demo_member_can_exchange()
    {
        await using var app = await MallApp.StartAsync(new() { ["Seed:Demo"] = "true", ["Seed:DemoMembers"] = "20" });

        var items = (await app.Anonymous().Json("/api/points-mall/items"))["items"]!.AsArray();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i.Str("name")));
        Assert.Equal(3, items.Count(i => i!["productId"] is not null));
        Assert.All(items, i => Assert.True(i!["available"]!.GetValue<bool>()));

        var login = await app.LoginAsync(DemoData.DemoMemberPhone, MallApp.AdminPassword);
        var member = app.WithToken(login.Str("accessToken"));
        var demoMemberId = Guid.Parse((await member.Json("/api/me")).Str("id"));
        await app.CreditLotAsync(demoMemberId, 1000, app.Clock.GetUtcNow().AddDays(30));
        var address = Guid.Parse((await member.Json("/api/me/addresses")).AsArray()[0]!.Str("id"));
        var mask = items.Single(i => i.Str("name") == "玻尿酸补水面膜")!;

        var exchange = await (await member.ExchangeAsync(Guid.Parse(mask.Str("id")), 1, address)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(300, exchange["points"]!.GetValue<long>());
        await app.AssertStockLedgerAsync(Guid.Parse(mask.Str("id")));
    }
}
