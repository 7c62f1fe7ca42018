using MemberMall.Tests.Coupons;
using MemberMall.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class CouponBrowserTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task A_member_claims_a_coupon_in_the_center_pays_with_it_at_checkout_and_staff_see_it_used()
    {
        await using var b = await MallBrowser.StartAsync(390, 844, new() { ["Payments:Sandbox:AutoConfirm"] = "true" });
        var admin = await b.App.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        await admin.CouponAsync(new { name = "新人立减券", kind = "amount", amount = 20m, validDays = 30, totalQuantity = 100, perMemberLimit = 1 });
        await (await b.App.MemberAsync(Phone, "王小明")).AddressAsync();

        await b.SignInAsync("/login?returnUrl=%2Fcoupons", Phone, MallApp.MemberPassword, landsOn: "/coupons");
        var card = b.Page.Locator("[data-testid=coupon-card][data-coupon-name='新人立减券']");
        await Expect(card.GetByTestId("coupon-rule")).ToHaveTextAsync("立减 20 元；不可与其他优惠券同用");
        await Expect(card.GetByTestId("coupon-left")).ToContainTextAsync("剩余 100 张");
        await card.GetByTestId("coupon-claim").ClickAsync();
        await Expect(card.GetByTestId("coupon-claimed")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("coupon-left")).ToContainTextAsync("剩余 99 张");
        await Expect(card.GetByTestId("coupon-claim")).ToHaveCountAsync(0);
        await b.ScreenshotAsync("coupon-1-center-phone");

        // The checkout picks the member's best coupon by itself; the member may drop it and take it again.
        await b.OpenAsync($"/checkout?product={earbuds}&qty=1");
        var option = b.Page.Locator("[data-testid=checkout-coupon][data-coupon-name='新人立减券'] input[type=checkbox]");
        var couponLine = b.Page.Locator("[data-testid=quote-adjustment][data-kind=coupon]");
        await Expect(option).ToBeCheckedAsync();
        await Expect(couponLine).ToContainTextAsync("-¥20.00");
        await Expect(b.ById("checkout-total")).ToHaveTextAsync("¥179.00");
        await Expect(b.ById("checkout-points-caps")).ToBeVisibleAsync();
        await b.Page.Locator("[data-testid=checkout-coupon-none] input[type=checkbox]").ClickAsync();
        await Expect(couponLine).ToHaveCountAsync(0);
        await Expect(b.ById("checkout-total")).ToHaveTextAsync("¥199.00");
        await option.ClickAsync();
        await Expect(couponLine).ToContainTextAsync("-¥20.00");
        await Expect(b.ById("checkout-total")).ToHaveTextAsync("¥179.00");
        await b.ScreenshotAsync("coupon-2-checkout-phone");
        await b.ById("checkout-submit").ClickAsync();

        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/me/orders/", StringComparison.Ordinal));
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "paid");
        await Expect(b.ById("order-paid")).ToHaveTextAsync("¥179.00");

        await b.OpenAsync("/me/coupons");
        await b.Page.Locator(".mud-tab", new() { HasText = "已使用 (1)" }).ClickAsync();
        await Expect(b.Page.Locator("[data-testid=my-coupon][data-status=used]")).ToHaveCountAsync(1);
        await Expect(b.ById("my-coupon-order")).ToContainTextAsync("¥20.00");
        await b.ScreenshotAsync("coupon-3-mine-phone");

        await b.ById("logout").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await b.Page.SetViewportSizeAsync(1280, 800);
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.ById("nav-coupons").ClickAsync();
        var row = b.Page.Locator("tr", new() { Has = b.Page.Locator("[data-testid=coupon-row][data-name='新人立减券']") });
        await Expect(row.GetByTestId("coupon-row-used")).ToHaveTextAsync("1");
        await Expect(row.GetByTestId("coupon-row-claimed")).ToHaveTextAsync("1");
        await Expect(row.GetByTestId("coupon-row-left")).ToHaveTextAsync("99");
        await Expect(row.GetByTestId("coupon-row-given")).ToContainTextAsync("¥20.00");
        await b.ScreenshotAsync("coupon-4-admin");
    }
}
