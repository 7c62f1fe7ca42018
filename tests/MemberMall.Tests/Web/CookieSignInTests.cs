using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Web;

public class CookieSignInTests
{
    [Fact]
    public async Task The_admin_sign_in_form_sets_the_cookie_and_follows_a_local_return_url()
    {
        await using var app = await MallApp.StartAsync();
        var browser = app.Anonymous();

        var response = await browser.SignInAsync("/admin/login?returnUrl=%2Fadmin%2Fmembers", "admin", MallApp.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/members", response.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/members")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\t/evil.example/")]
    public async Task The_sign_in_form_never_returns_to_another_site(string returnUrl)
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().SignInAsync("/admin/login?returnUrl=" + Uri.EscapeDataString(returnUrl), "admin", MallApp.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.RedirectPath());
    }

    [Fact]
    public async Task The_admin_sign_in_form_refuses_a_member_and_closes_the_session_it_opened()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13712345678");

        var response = await app.Anonymous().SignInAsync("/admin/login", "13712345678", MallApp.MemberPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("仅限员工", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(setCookies, c => c.StartsWith("mm.auth="));
        var open = await app.WithDb(db => db.AuthSessions.CountAsync(s => s.AccountId == memberId && s.RevokedAt == null));
        Assert.Equal(0, open);
    }

    [Fact]
    public async Task The_member_sign_in_form_refuses_staff()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().SignInAsync("/login", "admin", MallApp.AdminPassword, formName: "member-login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("员工请前往后台", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Logout_needs_the_antiforgery_token_and_then_ends_the_session()
    {
        await using var app = await MallApp.StartAsync();
        var browser = app.Anonymous();
        await browser.SignInAsync("/admin/login", "admin", MallApp.AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/admin/logout", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);

        var token = await browser.AntiforgeryTokenAsync("/admin");
        var logout = await browser.PostAsync("/admin/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/admin/login", logout.RedirectPath());

        var after = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/login?returnUrl=", after.RedirectPath());
        Assert.Equal(0, await app.WithDb(db => db.AuthSessions.CountAsync(s => s.RevokedAt == null)));
    }

    [Fact]
    public async Task A_role_without_the_permission_is_sent_to_the_no_access_page()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "fenxi2", displayName = "分析", role = "analyst", password = "staff2026pass" }))
            .EnsureSuccessStatusCode();
        var browser = app.Anonymous();
        await browser.SignInAsync("/admin/login", "fenxi2", "staff2026pass");

        var staffPage = await browser.GetAsync("/admin/staff");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.StartsWith("/admin/denied", staffPage.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/members")).StatusCode);
    }

    [Fact]
    public async Task Registering_on_the_site_signs_the_member_in()
    {
        await using var app = await MallApp.StartAsync();
        var browser = app.Anonymous();
        var response = await browser.SubmitAsync("/register", "register",
            new() { ["Input.Contact"] = "new.member@example.com", ["Input.Password"] = "member2026", ["Input.Name"] = "新会员" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/me", response.RedirectPath());
        Assert.Contains("新会员", WebUtility.HtmlDecode(await browser.GetStringAsync("/me")));
    }
}
