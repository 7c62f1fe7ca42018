using System.Net;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.PointsMall;

/// <summary>The points mall's pages as the server first renders them.</summary>
public class PointsMallPagesTests
{
    [Fact]
    public async Task Anyone_sees_the_mall_my_exchanges_ask_to_sign_in_and_staff_with_catalog_write_open_the_admin_page()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.MallItemAsync(new { name = "会员专属帆布袋", points = 500, stock = 7, perMemberLimit = 1 });
        await admin.MallItemAsync(new { name = "未上架的礼品", points = 10, stock = 7, listed = false });

        var html = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/points-mall"));
        Assert.Contains("会员专属帆布袋", html);
        Assert.Contains("500 积分", html);
        Assert.Contains("每人限兑 1 件", html);
        Assert.DoesNotContain("未上架的礼品", html);
        var english = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/points-mall?culture=en"));
        Assert.Contains("500 points", english);

        var mine = await app.Anonymous().GetAsync("/me/points-mall");
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString("/me/points-mall"), mine.RedirectPath());

        await app.RegisterAsync(phone: "13812345678");
        var member = app.Anonymous();
        await member.SignInAsync("/login", "13812345678", MallApp.MemberPassword, formName: "member-login");
        var memberPage = WebUtility.HtmlDecode(await member.GetStringAsync("/me/points-mall"));
        Assert.Contains("还没有兑换记录", memberPage);
        var memberAdmin = await member.GetAsync("/admin/points-mall");
        Assert.NotEqual(HttpStatusCode.OK, memberAdmin.StatusCode);

        var staff = app.Anonymous();
        await staff.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);
        var adminPage = WebUtility.HtmlDecode(await staff.GetStringAsync("/admin/points-mall"));
        Assert.Contains("新增兑换品", adminPage);
        Assert.Contains("href=\"/admin/points-mall\"", adminPage);
    }
}
