using System.Net;
using MemberMall.Features.Coupons;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Coupons;

/// <summary>Run on PostgreSQL (MALL_TEST_DB=postgres) to prove the row locks; on SQLite the write transaction is exclusive.</summary>
public class CouponConcurrencyTests
{
    [Fact]
    public async Task Five_hundred_members_claiming_the_last_hundred_get_exactly_a_hundred()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var coupon = await admin.CouponAsync(new { name = "限量券", kind = "amount", amount = 5, validDays = 7, totalQuantity = 100, perMemberLimit = 1 });
        var members = await MembersAsync(app, 500);

        var responses = await Task.WhenAll(members.Select(m => m.PostAsync($"/api/coupons/{coupon}/claims", null)));

        Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.sold_out");
        var row = await app.WithDb(db => db.Coupons.AsNoTracking().SingleAsync(c => c.Id == coupon));
        Assert.Equal(100, row.Claimed);
        Assert.Equal(100, await app.WithDb(db => db.MemberCoupons.CountAsync(m => m.CouponId == coupon)));
        Assert.Equal(100, await app.WithDb(db => db.CouponQuotas.Where(q => q.CouponId == coupon).SumAsync(q => q.Taken)));
    }

    [Fact]
    public async Task A_member_with_a_limit_of_one_claiming_twenty_times_at_once_gets_one()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var coupon = await admin.CouponAsync(new { name = "每人一张", kind = "amount", amount = 5, validDays = 7, totalQuantity = 1000, perMemberLimit = 1 });
        var member = await app.MemberAsync("13812345678");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => member.PostAsync($"/api/coupons/{coupon}/claims", null)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.limit_reached");
        Assert.Equal(1, (await app.WithDb(db => db.Coupons.AsNoTracking().SingleAsync(c => c.Id == coupon))).Claimed);
        Assert.Equal(1, await app.WithDb(db => db.MemberCoupons.CountAsync(m => m.CouponId == coupon)));
    }

    [Fact]
    public async Task One_coupon_used_by_ten_orders_at_once_is_held_by_exactly_one()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 100);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 7 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => member.PlaceAsync(address, [mine], (tea, 1))));

        var placed = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
        var order = await placed.ShouldBe(HttpStatusCode.Created);
        var held = await app.WithDb(db => db.MemberCoupons.AsNoTracking().SingleAsync(m => m.Id == mine));
        Assert.Equal(MemberCouponStatus.Reserved, held.Status);
        Assert.Equal(Guid.Parse(order.Str("id")), held.OrderId);
        Assert.Equal(1, await app.WithDb(db => db.Orders.CountAsync()));
        Assert.Equal(1000, (await app.WithDb(db => db.Coupons.AsNoTracking().SingleAsync(c => c.Id == coupon))).DiscountGivenFen);
    }

    [Fact]
    public async Task A_budget_of_a_thousand_yuan_is_never_passed_by_two_hundred_concurrent_orders()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 1000);
        var coupon = await admin.CouponAsync(new { name = "预算券", kind = "amount", amount = 10, validDays = 7, budget = 1000 });
        var members = await MembersAsync(app, 20);
        var attempts = new List<(HttpClient Member, Guid Address, Guid Copy)>();
        foreach (var m in members)
        {
            var address = await m.AddressAsync();
            for (var i = 0; i < 10; i++) attempts.Add((m, address, await m.ClaimAsync(coupon)));
        }

        var responses = await Task.WhenAll(attempts.Select(a => a.Member.PlaceAsync(a.Address, [a.Copy], (tea, 1))));

        Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.budget_exhausted");
        Assert.Equal(100_000, (await app.WithDb(db => db.Coupons.AsNoTracking().SingleAsync(c => c.Id == coupon))).DiscountGivenFen);
        Assert.Equal(100_000, await app.WithDb(db => db.Orders.SumAsync(o => o.DiscountFen)));
        Assert.Equal(100, await app.WithDb(db => db.MemberCoupons.CountAsync(m => m.Status == MemberCouponStatus.Reserved)));
    }

    /// <summary>Registers and signs in <paramref name="count"/> members, a few at a time.</summary>
    private static async Task<List<HttpClient>> MembersAsync(MallApp app, int count)
    {
        var members = new List<HttpClient>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(25))
            members.AddRange(await Task.WhenAll(batch.Select(i => app.MemberAsync($"1370000{i:D4}"))));
        return members;
    }
}
