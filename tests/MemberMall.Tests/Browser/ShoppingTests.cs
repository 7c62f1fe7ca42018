using MemberMall.Features.Payments;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class ShoppingTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task A_member_on_a_phone_finds_buys_and_pays_for_a_product_and_then_sees_it_shipped()
    {
        // The sandbox gateway confirms by itself and posts its signed notification to the app over HTTP.
        await using var b = await MallBrowser.StartAsync(390, 844, new() { ["Payments:Sandbox:AutoConfirm"] = "true" });
        var admin = await b.App.AdminAsync();
        var digital = await admin.CategoryAsync("数码电器");
        await admin.ProductAsync("无线蓝牙耳机", 199m, 50, digital);
        await admin.ProductAsync("机械键盘", 299m, 20, digital);
        await (await b.App.MemberAsync(Phone, "王小明")).AddressAsync();

        await b.SignInAsync("/login", Phone, MallApp.MemberPassword, landsOn: "/me");
        await b.ById("nav-products").ClickAsync();
        await Expect(b.ById("product-card")).ToHaveCountAsync(2);
        await b.Field("product-search").FillAsync("蓝牙耳机");
        await Expect(b.ById("product-card")).ToHaveCountAsync(1);
        await Expect(b.ById("product-name")).ToHaveTextAsync("无线蓝牙耳机");
        await Expect(b.ById("product-price")).ToHaveTextAsync("¥199.00");
        await b.ScreenshotAsync("shop-1-search-phone");

        await b.ById("product-card").ClickAsync();
        await Expect(b.ById("product-title")).ToHaveTextAsync("无线蓝牙耳机");
        await b.ById("buy-qty-plus").ClickAsync();
        await Expect(b.ById("buy-qty")).ToHaveTextAsync("2");
        await b.ById("add-to-cart").ClickAsync();
        await Expect(b.ById("cart-count")).ToHaveTextAsync("1");
        await b.ScreenshotAsync("shop-2-product-phone");

        await b.ById("nav-cart").ClickAsync();
        await Expect(b.ById("cart-qty")).ToHaveTextAsync("2");
        await Expect(b.ById("quote-total")).ToHaveTextAsync("¥398.00");
        await Expect(b.Page.Locator("[data-testid=quote-adjustment][data-kind=freight]")).ToContainTextAsync("+¥10.00");
        await Expect(b.Page.Locator("[data-testid=quote-adjustment][data-kind=free_shipping]")).ToContainTextAsync("-¥10.00");
        await b.ScreenshotAsync("shop-3-cart-phone");

        await b.ById("cart-checkout").ClickAsync();
        await Expect(b.ById("checkout-address")).ToContainTextAsync("世纪大道 100 号");
        await Expect(b.ById("checkout-total")).ToHaveTextAsync("¥398.00");
        await Expect(b.Page.Locator("[data-testid=pay-sandbox] input")).ToBeCheckedAsync();
        await b.ScreenshotAsync("shop-4-checkout-phone");
        await b.ById("checkout-submit").ClickAsync();

        // The page waits for the gateway's notification, then opens the paid order.
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/me/orders/", StringComparison.Ordinal));
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "paid");
        await Expect(b.ById("order-paid")).ToHaveTextAsync("¥398.00");
        await Expect(b.ById("cart-count")).ToHaveCountAsync(0);
        var orderNo = await b.ById("order-no").InnerTextAsync();
        await b.ScreenshotAsync("shop-5-order-paid-phone");

        await b.ById("nav-orders").ClickAsync();
        var card = b.Page.Locator($"[data-testid=my-order][data-order-no='{orderNo}']");
        await Expect(card.GetByTestId("order-status")).ToHaveTextAsync("已付款");
        await b.ScreenshotAsync("shop-6-my-orders-phone");
        await b.OpenAsync("/me");
        await Expect(b.ById("me-stats")).ToContainTextAsync("¥398.00");
        await Expect(b.ById("favourite-category")).ToHaveTextAsync("数码电器");

        await SwitchToStaffAsync(b);
        await b.ById("nav-orders").ClickAsync();
        await b.Field("orders-search").FillAsync(orderNo);
        await Expect(b.ById("order-row-no")).ToHaveTextAsync(orderNo);
        await b.ById("order-row-no").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(b.ById("order-recipient")).ToContainTextAsync("13900001111");
        await b.ById("order-ship").ClickAsync();
        await b.Field("ship-carrier").FillAsync("顺丰速运");
        await b.Field("ship-tracking").FillAsync("SF1234567890");
        await b.ById("ship-confirm").ClickAsync();
        await Expect(b.ById("order-status").First).ToHaveAttributeAsync("data-status", "shipped");
        await Expect(b.ById("order-tracking")).ToHaveTextAsync("顺丰速运 SF1234567890");
        await b.ScreenshotAsync("shop-7-admin-order-shipped");

        await SwitchToMemberAsync(b, "/me/orders");
        await Expect(card.GetByTestId("order-status")).ToHaveTextAsync("已发货");
        await card.ClickAsync();
        await Expect(b.ById("order-tracking")).ToHaveTextAsync("顺丰速运 SF1234567890");
        await Expect(b.ById("order-confirm-receipt")).ToBeVisibleAsync();
        await b.ScreenshotAsync("shop-8-order-shipped-phone");
    }

    [Fact]
    public async Task A_member_asks_for_a_refund_and_staff_approve_and_refund_it_in_the_after_sales_queue()
    {
        await using var b = await MallBrowser.StartAsync(390, 844);
        var admin = await b.App.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await b.App.MemberAsync(Phone, "王小明");
        var order = await b.App.PaidOrderAsync(member, await member.AddressAsync(), (earbuds, 2));
        var id = order.Str("id");

        await b.SignInAsync("/login?returnUrl=" + Uri.EscapeDataString($"/me/orders/{id}"), Phone, MallApp.MemberPassword, landsOn: $"/me/orders/{id}");
        await b.ById("order-after-sales").ClickAsync();
        await Expect(b.Page.GetByRole(AriaRole.Radio, new() { Name = "仅退款" })).ToBeCheckedAsync();
        await b.Field("after-sales-line-qty").FillAsync("1");
        await b.Field("after-sales-reason").FillAsync("买多了一副，退一副");
        await b.ScreenshotAsync("after-sales-1-request-phone");
        await b.ById("after-sales-submit").ClickAsync();
        await Expect(b.ById("my-after-sales-status")).ToHaveTextAsync("待审核");

        await SwitchToStaffAsync(b);
        await b.ById("nav-after-sales").ClickAsync();
        await Expect(b.ById("after-sales-row-status")).ToHaveTextAsync("待审核");
        await b.ById("after-sales-row-no").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(b.ById("after-sales-reason-text")).ToHaveTextAsync("买多了一副，退一副");
        await b.ById("after-sales-approve").ClickAsync();
        await b.ById("reason-confirm").ClickAsync();
        await Expect(b.ById("after-sales-status")).ToHaveAttributeAsync("data-status", "approved");
        await b.ById("after-sales-refund-action").ClickAsync();
        await b.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "退款" }).ClickAsync();
        await Expect(b.ById("after-sales-status")).ToHaveAttributeAsync("data-status", "refunded");
        await Expect(b.ById("after-sales-refund")).ToHaveTextAsync("¥199.00");
        await Expect(b.ById("order-refunded")).ToHaveTextAsync("¥199.00");
        await b.ScreenshotAsync("after-sales-2-refunded-admin");

        // The order shows the refund owed through the gateway until the refund sender has sent it.
        await b.OpenAsync($"/admin/orders/{id}");
        await Expect(b.ById("order-refund-record-status")).ToHaveTextAsync("退款中");
        await Expect(b.ById("order-refund-record-amount")).ToHaveTextAsync("¥199.00");
        // The gateway declines it (the member's card account is closed); finance pays by bank transfer and records it.
        var refundNo = Assert.Single((await admin.Json("/api/admin/refunds?status=pending"))["items"]!.AsArray())!.Str("refundNo");
        b.App.Services.GetRequiredService<SandboxGateway>().Decline(refundNo, "银行卡账户已注销");
        (await admin.PostAsync("/api/admin/jobs/payments.send-refunds/run", null)).EnsureSuccessStatusCode();
        await b.OpenAsync("/admin/refunds");
        await Expect(b.ById("refunds-row-status")).ToHaveTextAsync("退款中");
        await Expect(b.ById("refunds-row-amount")).ToHaveTextAsync("¥199.00");
        await Expect(b.ById("refunds-row-error")).ToContainTextAsync("银行卡账户已注销");
        await Expect(b.ById("refunds-row-reason")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^售后 AS\\d+$"));
        await Expect(b.ById("refunds-retry")).ToBeVisibleAsync();
        await b.ScreenshotAsync("refunds-owed-admin");
        await b.ById("refunds-settle").ClickAsync();
        await Expect(b.ById("reason-dialog")).ToContainTextAsync(refundNo);
        await Expect(b.ById("reason-confirm")).ToBeDisabledAsync();
        await b.Field("reason-input").FillAsync("工行转账 流水号 20261202001");
        await b.ById("reason-confirm").ClickAsync();
        await Expect(b.ById("refunds-none")).ToBeVisibleAsync();
        await b.ById("refunds-status-filter").ClickAsync();
        await b.Page.GetByRole(AriaRole.Option, new() { Name = "已退款" }).ClickAsync();
        await Expect(b.ById("refunds-row-status")).ToHaveTextAsync("已退款");
        await Expect(b.ById("refunds-row-note")).ToContainTextAsync("工行转账 流水号 20261202001");
        await b.OpenAsync($"/admin/orders/{id}");
        await Expect(b.ById("order-refund-record-status")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(b.ById("order-refund-record-status")).ToHaveTextAsync("已退款");
        await Expect(b.ById("order-refund-record-note")).ToContainTextAsync("工行转账 流水号 20261202001");
        await Expect(b.ById("order-refunds")).ToContainTextAsync("线下退款");
        // The shop's own notes on the timeline read in Chinese too.
        await Expect(b.ById("order-timeline")).ToContainTextAsync("2 件，合计 ¥398.00");
        await Expect(b.ById("order-timeline")).ToContainTextAsync("¥199.00（售后 AS");
        await Expect(b.ById("order-timeline")).Not.ToContainTextAsync("items");
        await b.ScreenshotAsync("after-sales-2b-refund-settled-admin");
        Assert.Empty(b.App.Services.GetRequiredService<SandboxGateway>().Refunds);

        await SwitchToMemberAsync(b, $"/me/orders/{id}");
        await Expect(b.ById("my-after-sales-status")).ToHaveTextAsync("已退款");
        await Expect(b.ById("order-refund-status")).ToHaveTextAsync("部分退款");
        await Expect(b.ById("order-refund-record-status")).ToHaveTextAsync("已退款");
        await Expect(b.ById("order-refund-record-amount")).ToHaveTextAsync("¥199.00");
        await Expect(b.ById("order-refund-record-note")).ToHaveCountAsync(0);
        await Expect(b.ById("order-refund-record-reason")).ToContainTextAsync("售后 AS");
        await Expect(b.ById("order-item-refund")).ToContainTextAsync("¥199.00");
        await b.ScreenshotAsync("after-sales-3-member-phone");
    }

    /// <summary>Signs the member out and staff in, on a desktop-sized window as staff work.</summary>
    private static async Task SwitchToStaffAsync(MallBrowser b)
    {
        await b.ById("logout").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await b.Page.SetViewportSizeAsync(1280, 800);
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
    }

    private static async Task SwitchToMemberAsync(MallBrowser b, string path)
    {
        await b.ById("logout").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/login");
        await b.Page.SetViewportSizeAsync(390, 844);
        await b.SignInAsync("/login?returnUrl=" + Uri.EscapeDataString(path), Phone, MallApp.MemberPassword, landsOn: path);
    }
}
