using System.Net;
using MemberMall.Tests.Points;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.PointsMall;

/// <summary>Run on PostgreSQL (MALL_TEST_DB=postgres) to prove the row locks; on SQLite the write transaction is exclusive.</summary>
public class PointsMallConcurrencyTests
{
    [Fact]
    public async Task Thirty_concurrent_exchanges_for_an_item_with_five_in_stock_let_exactly_five_through()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var item = await admin.MallItemAsync(new { name = "限量纪念徽章", points = 100, stock = 5, physical = false });
        var members = new List<(Guid Id, HttpClient Client)>();
        for (var i = 0; i < 6; i++)
        {
            var phone = "1381234560" + i;
            var (id, _) = await app.RegisterAsync(phone: phone);
            await app.CreditLotAsync(id, 1000, app.Clock.GetUtcNow().AddDays(30));
            members.Add((id, await app.SignInAsync(phone)));
        }
        var before = await app.WithDb(db => db.PointsAccounts.SumAsync(a => a.Available));

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => members[i % members.Count].Client.ExchangeAsync(item, 1)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "points_mall.out_of_stock");
        Assert.Equal(0, await admin.MallStockAsync(item));
        Assert.Equal(5, await app.WithDb(db => db.MallExchanges.CountAsync(e => e.ItemId == item)));
        Assert.Equal(before - 500, await app.WithDb(db => db.PointsAccounts.SumAsync(a => a.Available)));
        foreach (var (id, _) in members) await PointsFlowTests.AssertLedgerBalances(app, id);
        await app.AssertStockLedgerAsync(item);
    }

    [Fact]
    public async Task Twenty_concurrent_exchanges_by_one_member_with_a_limit_of_two_let_exactly_two_through()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var item = await admin.MallItemAsync(new { name = "每人限兑两件的茶具", points = 100, stock = 100, perMemberLimit = 2, physical = false });
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        await app.CreditLotAsync(memberId, 5000, app.Clock.GetUtcNow().AddDays(30));
        var member = await app.SignInAsync("13812345678");
        var before = await member.BalanceAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => member.ExchangeAsync(item, 1)));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "points_mall.limit_reached");
        Assert.Equal(before - 200, await member.BalanceAsync());
        Assert.Equal(98, await admin.MallStockAsync(item));
        Assert.Equal(2, await app.WithDb(db => db.MallQuotas.Where(q => q.MemberId == memberId && q.ItemId == item).Select(q => q.Taken).SingleAsync()));
        Assert.Equal(2, await app.WithDb(db => db.MallExchanges.CountAsync(e => e.ItemId == item)));
        await PointsFlowTests.AssertLedgerBalances(app, memberId);
        await app.AssertStockLedgerAsync(item);
    }
}
