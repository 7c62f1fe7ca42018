using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

/// <summary>The admin console's CSV downloads: the signed-in cookie, and the same permissions as the API exports.</summary>
public class AdminExportTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("operations")]
    [InlineData("finance")]
    [InlineData("analyst")]
    public async Task Roles_with_reports_read_download_the_orders_csv_with_the_console_cookie(string role)
    {
        await using var app = await MallApp.StartAsync();
        var (paidNo, pendingNo) = await TwoOrdersAsync(app);
        var browser = await SignedInAsync(app, role);

        var response = await browser.GetAsync("/admin/export/orders.csv?status=paid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("orders.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("订单号 OrderNo", text.TrimStart('\uFEFF'));
        Assert.Contains(paidNo, text);
        Assert.DoesNotContain(pendingNo, text);
        Assert.Contains("无线蓝牙耳机", text);
    }

    [Fact]
    public async Task Service_staff_without_reports_read_are_sent_to_the_no_access_page()
    {
        await using var app = await MallApp.StartAsync();
        var browser = await SignedInAsync(app, "service");

        var response = await browser.GetAsync("/admin/export/orders.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/denied", response.RedirectPath());
    }

    [Fact]
    public async Task The_downloads_want_the_cookie_not_a_bearer_token()
    {
        await using var app = await MallApp.StartAsync();

        var anonymous = await app.Anonymous().GetAsync("/admin/export/orders.csv");
        var bearer = await (await app.AdminAsync()).GetAsync("/admin/export/members.csv");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/login?returnUrl=", anonymous.RedirectPath());
        Assert.Equal(HttpStatusCode.Redirect, bearer.StatusCode);
        Assert.StartsWith("/admin/login?returnUrl=", bearer.RedirectPath());
    }

    [Fact]
    public async Task An_analyst_exports_members_masked_and_the_export_is_audited()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", name: "张伟");
        await app.RegisterAsync(phone: "13812345679", name: "李娜");
        var browser = await SignedInAsync(app, "analyst");

        var response = await browser.GetAsync("/admin/export/members.csv?q=" + Uri.EscapeDataString("张"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("张伟", lines[1]);
        Assert.Contains("138****5678", lines[1]);
        var audit = (await (await app.AdminAsync()).GetFromJsonAsync<JsonNode>("/api/admin/audit?action=member.export"))!;
        Assert.Equal("analyst", Assert.Single(audit["items"]!.AsArray())!.Str("actorRole"));
    }

    [Fact]
    public async Task Admin_exports_members_with_full_phone_numbers()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", name: "张伟");
        var browser = await SignedInAsync(app, "admin");

        var text = await browser.GetStringAsync("/admin/export/members.csv");

        Assert.Contains("13812345678", text);
    }

    [Theory]
    [InlineData("service")]
    [InlineData("finance")]
    public async Task Roles_without_members_export_cannot_download_the_members_csv(string role)
    {
        await using var app = await MallApp.StartAsync();
        var browser = await SignedInAsync(app, role);

        var response = await browser.GetAsync("/admin/export/members.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/denied", response.RedirectPath());
    }

    private static async Task<HttpClient> SignedInAsync(MallApp app, string role)
    {
        var browser = app.Anonymous();
        if (role == "admin")
        {
            await browser.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);
            return browser;
        }
        var userName = role + Guid.NewGuid().ToString("N")[..6];
        (await (await app.AdminAsync()).PostAsJsonAsync("/api/admin/staff", new { userName, displayName = role, role, password = "staff2026pass" }))
            .EnsureSuccessStatusCode();
        var signIn = await browser.SignInAsync("/admin/login", userName, "staff2026pass");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private static async Task<(string Paid, string Pending)> TwoOrdersAsync(MallApp app)
    {
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await app.MemberAsync("13911112222");
        var address = await member.AddressAsync();
        var paid = await app.PaidOrderAsync(member, address, (earbuds, 1));
        var pending = await member.OrderAsync(address, (earbuds, 1));
        return (paid.Str("orderNo"), pending.Str("orderNo"));
    }
}
