using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Coupons;

/// <summary>The coupon screens as the server first renders them: the coupon center, my coupons, checkout, sign-up and the console.</summary>
public class CouponPagesTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task Anyone_sees_the_coupon_center_and_a_member_finds_the_claimed_coupon_in_my_coupons_and_preselected_at_checkout()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var coupon = await admin.CouponAsync(new { name = "满百减十", kind = "threshold", amount = 10m, threshold = 100m, validDays = 7, totalQuantity = 50 });
        await admin.CouponAsync(new { name = "草稿券", kind = "amount", amount = 5m, validDays = 7 }, publish: false);

        var center = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/coupons"));
        Assert.Contains("满百减十", center);
        Assert.Contains("满 100 减 10", center);
        Assert.Contains("剩余 50 张", center);
        Assert.Contains("领取后 7 天内有效", center);
        Assert.DoesNotContain("草稿券", center);
        var english = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/coupons?culture=en"));
        Assert.Contains("¥10 off orders of ¥100 or more", english);

        var member = await app.MemberAsync(Phone);
        await member.ClaimAsync(coupon);
        await member.AddressAsync();
        (await member.PostAsJsonAsync("/api/cart/items", new { productId = earbuds, quantity = 1 })).EnsureSuccessStatusCode();
        var site = app.Anonymous();
        await site.SignInAsync("/login", Phone, MallApp.MemberPassword, formName: "member-login");

        var mine = WebUtility.HtmlDecode(await site.GetStringAsync("/me/coupons"));
        Assert.Contains("满百减十", mine);
        var checkout = WebUtility.HtmlDecode(await site.GetStringAsync("/checkout"));
        Assert.Contains("data-kind=\"coupon\"", checkout);
        Assert.Contains("-¥10.00", checkout);
        Assert.Contains("checkout-points-caps", checkout);
        Assert.Contains("¥189.00", checkout);
    }

    [Fact]
    public async Task Sign_up_carries_the_referral_code_of_a_share_link_and_only_staff_open_the_coupons_console()
    {
        await using var app = await MallApp.StartAsync();
        var register = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/register?ref=AB12CD34"));
        Assert.Contains("value=\"AB12CD34\"", register);
        Assert.Contains("邀请码", register);

        await app.RegisterAsync(phone: Phone);
        var member = app.Anonymous();
        await member.SignInAsync("/login", Phone, MallApp.MemberPassword, formName: "member-login");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/admin/coupons")).StatusCode);

        var staff = app.Anonymous();
        await staff.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync("/admin/coupons"));
        Assert.Contains("href=\"/admin/coupons\"", page);
        Assert.Contains("新建优惠券", page);
    }
}
