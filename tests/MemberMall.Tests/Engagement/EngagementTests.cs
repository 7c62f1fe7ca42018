using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Engagement;

public class EngagementTests
{
    [Theory]
    [InlineData("9999-12", "date.out_of_range")]
    [InlineData("0001-01", "date.out_of_range")]
    [InlineData("2026-13", "checkin.month_invalid")]
    [InlineData("2026-1x", "checkin.month_invalid")]
    public async Task A_calendar_month_out_of_range_is_400(string month, string code)
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        await (await member.GetAsync($"/api/me/check-ins?month={month}")).ShouldFail(HttpStatusCode.BadRequest, code);
        await (await member.GetAsync("/api/me/check-ins?month=2999-12")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Checking_in_works_once_per_shop_day_and_the_seventh_day_earns_the_streak_bonus()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        var first = await (await member.PostAsync("/api/me/check-ins", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5, first["pointsAwarded"]!.GetValue<long>());
        Assert.Equal(1, first["streak"]!.GetValue<int>());
        await (await member.PostAsync("/api/me/check-ins", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "checkin.already_done");

        long total = 5;
        for (var day = 2; day <= 7; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            member = await app.SignInAsync("13812345678");
            var r = await (await member.PostAsync("/api/me/check-ins", null)).ShouldBe(HttpStatusCode.OK);
            Assert.Equal(day, r["streak"]!.GetValue<int>());
            total += r["pointsAwarded"]!.GetValue<long>();
        }
        Assert.Equal(6 * 5 + 55, total);
        app.Clock.Advance(TimeSpan.FromDays(2));
        member = app.WithToken((await app.LoginAsync("13812345678", MallApp.MemberPassword)).Str("accessToken"));
        Assert.Equal(1, (await (await member.PostAsync("/api/me/check-ins", null)).ShouldBe(HttpStatusCode.OK))["streak"]!.GetValue<int>());
        var calendar = await member.Json("/api/me/check-ins?month=2026-03");
        Assert.Equal(8, calendar["days"]!.AsArray().Count);
        Assert.Equal(1, calendar["streak"]!.GetValue<int>());
        Assert.Equal(100 + total + 5, (await member.Json("/api/me/points"))["available"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_shop_day_follows_Shanghai_time_not_UTC()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        // 02:00 UTC is 10:00 in Shanghai; 15:59 UTC is still the same Shanghai day, 16:00 UTC is the next one.
        (await member.PostAsync("/api/me/check-ins", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(13.9));
        member = await app.SignInAsync("13812345678");
        await (await member.PostAsync("/api/me/check-ins", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "checkin.already_done");
        app.Clock.Advance(TimeSpan.FromHours(0.2));
        member = await app.SignInAsync("13812345678");
        (await member.PostAsync("/api/me/check-ins", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_referred_members_first_completed_order_rewards_both_sides_once()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var referrer = await app.MemberAsync("13812340001");
        var code = (await referrer.Json("/api/me")).Str("referralCode");
        (await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812340002", password = MallApp.MemberPassword, referralCode = code, deviceId = "phone-B" }))
            .EnsureSuccessStatusCode();
        var friend = app.WithToken((await app.LoginAsync("13812340002", MallApp.MemberPassword)).Str("accessToken"));
        var address = await friend.AddressAsync();

        for (var i = 0; i < 2; i++)
        {
            var order = await app.PaidOrderAsync(friend, address, (product, 1));
            (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF" + i })).EnsureSuccessStatusCode();
            (await admin.PostAsync($"/api/admin/orders/{order.Str("id")}/deliver", null)).EnsureSuccessStatusCode();
        }
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");

        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceType == "referral" && e.Rule == "referrer")));
        Assert.Equal(1, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceType == "referral" && e.Rule == "referee")));
        referrer = app.WithToken((await app.LoginAsync("13812340001", MallApp.MemberPassword)).Str("accessToken"));
        var mine = await referrer.Json("/api/me/referrals");
        Assert.Equal(500, mine["pointsEarned"]!.GetValue<long>());
        Assert.True(Assert.Single(mine["invitees"]!.AsArray())!["rewarded"]!.GetValue<bool>());
        Assert.Equal(500, (await referrer.Json("/api/me/points"))["pending"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_first_order_shipped_to_the_referrers_own_phone_rewards_nobody_and_is_flagged()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var referrer = await app.MemberAsync("13812340001");
        var code = (await referrer.Json("/api/me")).Str("referralCode");
        (await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812340002", password = MallApp.MemberPassword, referralCode = code, deviceId = "phone-B" }))
            .EnsureSuccessStatusCode();
        var friend = app.WithToken((await app.LoginAsync("13812340002", MallApp.MemberPassword)).Str("accessToken"));
        var toReferrer = Guid.Parse((await (await friend.PostAsJsonAsync("/api/me/addresses",
            new { name = "李四", phone = "138 1234 0001", province = "上海市", city = "上海市", district = "徐汇区", detail = "漕溪北路 1 号" }))
            .ShouldBe(HttpStatusCode.Created)).Str("id"));
        var order = await app.PaidOrderAsync(friend, toReferrer, (product, 1));
        await admin.DeliverAsync(order.Str("id"));
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        (await admin.PostAsync("/api/admin/jobs/orders.auto-complete/run", null)).EnsureSuccessStatusCode();

        Assert.Equal(0, await app.WithDb(db => db.PointsEntries.CountAsync(e => e.SourceType == "referral")));
        var flag = Assert.Single((await admin.Json("/api/admin/risk/flags")).AsArray())!;
        Assert.Equal("referral.self", flag.Str("kind"));
        Assert.Contains(order.Str("orderNo"), flag.Str("detail"));
        Assert.Equal("completed", (await admin.Json($"/api/admin/orders/{order.Str("id")}")).Str("status"));
    }

    [Fact]
    public async Task Using_your_own_code_from_your_own_device_is_refused_and_flagged()
    {
        await using var app = await MallApp.StartAsync();
        (await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812340001", password = MallApp.MemberPassword, deviceId = "my-phone" }))
            .EnsureSuccessStatusCode();
        var me = app.WithToken((await app.LoginAsync("13812340001", MallApp.MemberPassword)).Str("accessToken"));
        var code = (await me.Json("/api/me")).Str("referralCode");

        var second = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812340009", password = MallApp.MemberPassword, referralCode = code, deviceId = "my-phone" });

        await second.ShouldFail(HttpStatusCode.UnprocessableEntity, "referral.self_referral");
        Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
        var flags = await (await app.AdminAsync()).Json("/api/admin/risk/flags");
        Assert.Equal("referral.self", Assert.Single(flags.AsArray())!.Str("kind"));
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812340009", password = MallApp.MemberPassword, referralCode = "NOPE2345" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "referral.code_unknown");
    }
}
