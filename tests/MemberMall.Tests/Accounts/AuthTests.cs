using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Accounts;

public class AuthTests
{
    [Fact]
    public async Task Admin_logs_in_with_the_seeded_password_and_gets_a_bearer_token()
    {
        await using var app = await MallApp.StartAsync();
        var login = await app.LoginAsync("admin", MallApp.AdminPassword);

        Assert.Equal("Bearer", login.Str("tokenType"));
        Assert.Equal(120 * 60, login["expiresIn"]!.GetValue<int>());
        Assert.Equal("admin", login["account"]!.Str("role"));
        Assert.Contains("staff.manage", login["account"]!["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task Wrong_password_is_401_with_a_code()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "admin", password = "wrong-password" });
        await response.ShouldFail(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Unknown_login_is_the_same_401_as_a_wrong_password()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "13900000000", password = "whatever123" });
        await response.ShouldFail(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678");
        var client = app.Anonymous();

        for (var i = 0; i < 4; i++)
            await (await client.PostAsJsonAsync("/api/auth/login", new { login = "13812345678", password = "wrong" + i }))
                .ShouldFail(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await client.PostAsJsonAsync("/api/auth/login", new { login = "13812345678", password = "wrong-5" }))
            .ShouldFail(HttpStatusCode.Locked, "auth.locked_out");

        var right = await client.PostAsJsonAsync("/api/auth/login", new { login = "13812345678", password = MallApp.MemberPassword });
        await right.ShouldFail(HttpStatusCode.Locked, "auth.locked_out");
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        (await admin.GetAsync("/api/admin/staff")).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromMinutes(121));

        await (await admin.GetAsync("/api/admin/staff")).ShouldFail(HttpStatusCode.Unauthorized, "auth.token_expired");
    }

    [Fact]
    public async Task Refresh_issues_new_tokens_and_the_used_refresh_token_is_spent()
    {
        await using var app = await MallApp.StartAsync();
        var login = await app.LoginAsync("admin", MallApp.AdminPassword);
        app.Clock.Advance(TimeSpan.FromMinutes(200));

        var refreshed = await (await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.Str("refreshToken") }))
            .ShouldBe(HttpStatusCode.OK);

        (await app.WithToken(refreshed.Str("accessToken")).GetAsync("/api/admin/staff")).EnsureSuccessStatusCode();
        await (await app.WithToken(login.Str("accessToken")).GetAsync("/api/admin/staff")).ShouldFail(HttpStatusCode.Unauthorized, "auth.token_invalid");
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.Str("refreshToken") }))
            .ShouldFail(HttpStatusCode.Unauthorized, "auth.refresh_invalid");
    }

    [Fact]
    public async Task Logout_revokes_the_token_at_once()
    {
        await using var app = await MallApp.StartAsync();
        var login = await app.LoginAsync("admin", MallApp.AdminPassword);
        var client = app.WithToken(login.Str("accessToken"));

        (await client.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();

        await (await client.GetAsync("/api/admin/staff")).ShouldFail(HttpStatusCode.Unauthorized, "auth.token_revoked");
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.Str("refreshToken") }))
            .ShouldFail(HttpStatusCode.Unauthorized, "auth.refresh_invalid");
    }

    [Fact]
    public async Task Login_attempts_are_rate_limited_per_address()
    {
        await using var app = await MallApp.StartAsync(new() { ["RateLimits:Login:PermitLimit"] = "3" });
        var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
            await (await client.PostAsJsonAsync("/api/auth/login", new { login = "nobody", password = "nothing123" }))
                .ShouldFail(HttpStatusCode.Unauthorized, "auth.invalid_credentials");

        var limited = await client.PostAsJsonAsync("/api/auth/login", new { login = "admin", password = MallApp.AdminPassword });

        await limited.ShouldFail(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_garbage_token_is_401()
    {
        await using var app = await MallApp.StartAsync();
        await (await app.WithToken("not-a-token").GetAsync("/api/me")).ShouldFail(HttpStatusCode.Unauthorized, "auth.token_invalid");
    }
}
