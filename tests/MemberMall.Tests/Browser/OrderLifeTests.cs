using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class OrderLifeTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task A_member_confirms_receipt_rates_the_order_and_reviews_the_product_which_then_shows_on_its_page()
    {
        await using var b = await MallBrowser.StartAsync(390, 844);
        var admin = await b.App.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await b.App.MemberAsync(Phone, "王小明");
        var id = (await b.App.PaidOrderAsync(member, await member.AddressAsync(), (earbuds, 1))).Str("id");
        (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰速运", trackingNo = "SF1234567890" })).EnsureSuccessStatusCode();

        await b.SignInAsync("/login?returnUrl=" + Uri.EscapeDataString($"/me/orders/{id}"), Phone, MallApp.MemberPassword, landsOn: $"/me/orders/{id}");
        await b.ById("order-confirm-receipt").ClickAsync();
        await b.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "是" }).ClickAsync();
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "delivered");

        await b.ById("order-rating").Locator(".mud-rating-item").Nth(3).ClickAsync();
        await Expect(b.Page.Locator("[data-testid=timeline-entry][data-type=rated]")).ToHaveCountAsync(1);

        await b.ById("order-item-review").ClickAsync();
        await b.Field("review-content").FillAsync("音质很好，降噪也不错");
        await b.ById("review-submit").ClickAsync();
        await Expect(b.ById("order-item-reviewed")).ToBeVisibleAsync();
        await b.ScreenshotAsync("order-life-reviewed-phone");

        await b.ById("order-item-name").ClickAsync();
        await Expect(b.ById("review")).ToContainTextAsync("音质很好，降噪也不错");
        await Expect(b.ById("review")).ToContainTextAsync("王**");
        await b.ById("review-helpful").ClickAsync();
        await Expect(b.ById("review-helpful")).ToContainTextAsync("(1)");
        await b.ById("reviews-stars-1").ClickAsync();
        await Expect(b.ById("reviews-empty")).ToBeVisibleAsync();
        await b.ScreenshotAsync("order-life-product-reviews-phone");
    }

    [Fact]
    public async Task A_member_pays_one_pending_order_from_its_page_and_cancels_another()
    {
        await using var b = await MallBrowser.StartAsync(390, 844, new() { ["Payments:Sandbox:AutoConfirm"] = "true" });
        var earbuds = await (await b.App.AdminAsync()).ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await b.App.MemberAsync(Phone, "王小明");
        var address = await member.AddressAsync();
        var first = (await member.OrderAsync(address, (earbuds, 1))).Str("id");
        var second = (await member.OrderAsync(address, (earbuds, 3))).Str("id");

        await b.SignInAsync("/login?returnUrl=" + Uri.EscapeDataString($"/me/orders/{first}"), Phone, MallApp.MemberPassword, landsOn: $"/me/orders/{first}");
        await Expect(b.ById("order-pay-by")).ToContainTextAsync("2026-03-15 10:30");
        await b.ById("order-pay").ClickAsync();
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "paid");
        await Expect(b.ById("order-paid")).ToHaveTextAsync("¥199.00");

        await b.OpenAsync($"/me/orders/{second}");
        await b.ById("order-cancel").ClickAsync();
        await b.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "是" }).ClickAsync();
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "cancelled");
        await b.ById("nav-orders").ClickAsync();
        await b.ById("order-tab-cancelled").ClickAsync();
        await Expect(b.ById("my-order")).ToHaveCountAsync(1);
        await Expect(b.ById("my-order-item")).ToHaveTextAsync("无线蓝牙耳机");
        Assert.Equal(49, await (await b.App.AdminAsync()).StockAsync(earbuds));
    }

    [Fact]
    public async Task Checkout_says_in_words_when_the_stock_ran_out_or_the_product_was_delisted()
    {
        await using var b = await MallBrowser.StartAsync(390, 844);
        var admin = await b.App.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 2);
        var member = await b.App.MemberAsync(Phone, "王小明");
        await member.AddressAsync();
        (await member.PostAsJsonAsync("/api/cart/items", new { productId = earbuds, quantity = 2 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/products/{earbuds}/stock-adjustments", new { quantity = -1, reason = "盘点" })).EnsureSuccessStatusCode();

        await b.SignInAsync("/login?returnUrl=%2Fcheckout", Phone, MallApp.MemberPassword, landsOn: "/checkout");
        await b.ById("checkout-submit").ClickAsync();
        await Expect(b.Page.Locator(".mud-snackbar")).ToContainTextAsync("库存不足");
        Assert.Equal("/checkout", new Uri(b.Page.Url).AbsolutePath);

        (await admin.PatchAsJsonAsync($"/api/admin/products/{earbuds}", new { status = "delisted" })).EnsureSuccessStatusCode();
        await b.OpenAsync("/checkout");
        await Expect(b.ById("checkout-error")).ToHaveTextAsync("商品已下架，暂不能购买。");
        await Expect(b.ById("checkout-submit")).ToBeDisabledAsync();
        await b.ScreenshotAsync("checkout-unavailable-phone");
    }
}
