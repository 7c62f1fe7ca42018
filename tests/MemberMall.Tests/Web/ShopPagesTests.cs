using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

/// <summary>The shop's pages as the server first renders them: who may open which, and what personal data they show.</summary>
public class ShopPagesTests
{
    [Fact]
    public async Task Anyone_can_search_products_but_the_cart_and_orders_ask_a_member_to_sign_in()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        await admin.ProductAsync("机械键盘", 299m, 20);
        var browser = app.Anonymous();

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/products?q=" + Uri.EscapeDataString("蓝牙耳机")));
        Assert.Contains("无线蓝牙耳机", html);
        Assert.DoesNotContain("机械键盘", html);
        Assert.Contains("¥199.00", html);

        foreach (var page in new[] { "/cart", "/checkout", "/me/orders" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(page), response.RedirectPath());
        }
    }

    [Fact]
    public async Task The_admin_order_page_masks_the_address_for_roles_without_members_pii()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await app.MemberAsync("13812345678");
        var id = (await app.PaidOrderAsync(member, await member.AddressAsync(), (earbuds, 1))).Str("id");
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "yunying9", displayName = "运营", role = "operations", password = "staff2026pass" }))
            .EnsureSuccessStatusCode();

        var operations = app.Anonymous();
        await operations.SignInAsync("/admin/login", "yunying9", "staff2026pass");
        var masked = WebUtility.HtmlDecode(await operations.GetStringAsync($"/admin/orders/{id}"));
        var full = app.Anonymous();
        await full.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);
        var unmasked = WebUtility.HtmlDecode(await full.GetStringAsync($"/admin/orders/{id}"));

        Assert.Contains("139****1111", masked);
        Assert.DoesNotContain("13900001111", masked);
        Assert.DoesNotContain("世纪大道 100 号", masked);
        Assert.Contains("13900001111", unmasked);
        Assert.Contains("世纪大道 100 号", unmasked);
    }

    [Fact]
    public async Task Members_cannot_open_the_admin_order_pages_nor_another_members_order()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var owner = await app.MemberAsync("13812345678");
        var id = (await owner.OrderAsync(await owner.AddressAsync(), (earbuds, 1))).Str("id");
        await app.RegisterAsync(phone: "13812345679");
        var other = app.Anonymous();
        await other.SignInAsync("/login", "13812345679", MallApp.MemberPassword, formName: "member-login");

        var adminPage = await other.GetAsync("/admin/orders");
        var html = WebUtility.HtmlDecode(await other.GetStringAsync($"/me/orders/{id}"));

        Assert.Equal(HttpStatusCode.Redirect, adminPage.StatusCode);
        Assert.StartsWith("/admin/denied", adminPage.RedirectPath());
        Assert.Contains("data-testid=\"order-missing\"", html);
        Assert.DoesNotContain("13900001111", html);
    }
}
