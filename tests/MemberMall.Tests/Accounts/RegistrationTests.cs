using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Accounts;

public class RegistrationTests
{
    [Fact]
    public async Task Register_with_phone_returns_a_member_number_and_the_member_can_log_in()
    {
        await using var app = await MallApp.StartAsync();
        var (id, memberNo) = await app.RegisterAsync(phone: "13812345678", name: "张伟");

        Assert.Matches("^[1-9][0-9]{9}$", memberNo);
        var login = await app.LoginAsync("13812345678", MallApp.MemberPassword);
        Assert.Equal("member", login["account"]!.Str("role"));
        var me = await app.WithToken(login.Str("accessToken")).GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/me");
        Assert.Equal(id.ToString(), me!.Str("id"));
        Assert.Equal("13812345678", me.Str("phone"));
        Assert.Equal("张伟", me.Str("name"));
        Assert.Matches("^[A-Z2-9]{8}$", me.Str("referralCode"));
    }

    [Fact]
    public async Task Register_with_a_taken_phone_in_another_spelling_is_409_and_creates_nothing()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678");

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "+86 138-1234-5678", password = "another2026" });

        await response.ShouldFail(HttpStatusCode.Conflict, "account.phone_taken");
        Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
    }

    [Fact]
    public async Task Register_with_a_taken_email_in_other_case_is_409()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(email: "li.na@example.com");

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { email = " Li.Na@Example.COM ", password = "another2026" });

        await response.ShouldFail(HttpStatusCode.Conflict, "account.email_taken");
        var login = await app.LoginAsync("LI.NA@example.com", MallApp.MemberPassword);
        Assert.False(string.IsNullOrEmpty(login.Str("accessToken")));
    }

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1381234567")]
    [InlineData("phone")]
    [InlineData("+1 415 555 0100")]
    public async Task Register_with_a_phone_that_is_not_a_mainland_mobile_is_400(string phone)
    {
        await using var app = await MallApp.StartAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone, password = "member2026" });

        var body = await response.ShouldFail(HttpStatusCode.BadRequest, "account.phone_invalid");
        Assert.NotNull(body["errors"]!["phone"]);
        Assert.Equal(0, await app.WithDb(db => db.Members.CountAsync()));
    }

    [Fact]
    public async Task Register_without_phone_or_email_is_400()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { password = "member2026" });
        await response.ShouldFail(HttpStatusCode.BadRequest, "account.contact_required");
    }

    [Fact]
    public async Task Register_with_a_weak_password_is_400_and_leaves_no_account_behind()
    {
        await using var app = await MallApp.StartAsync();

        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812345678", password = "abcdefgh" });

        await response.ShouldFail(HttpStatusCode.BadRequest, "account.password_weak");
        Assert.Equal(0, await app.WithDb(db => db.Members.CountAsync()));
        Assert.Equal(1, await app.WithDb(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Register_without_a_password_is_400_with_field_errors()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { phone = "13812345678" });
        var body = await response.ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        Assert.NotNull(body["errors"]);
    }

    [Fact]
    public async Task Phone_and_email_are_encrypted_at_rest_and_found_by_keyed_hash()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", email: "wang.fang@example.com");

        var row = await app.WithDb(db => db.Members.AsNoTracking().SingleAsync());
        Assert.DoesNotContain("13812345678", row.PhoneCipher);
        Assert.DoesNotContain("wang.fang", row.EmailCipher);
        Assert.DoesNotContain("13812345678", row.PhoneHash);
        Assert.StartsWith("v1:", row.PhoneCipher);
    }

    [Fact]
    public async Task Twenty_parallel_registrations_of_one_phone_create_exactly_one_member()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.PostAsJsonAsync("/api/auth/register", new { phone = "13912345678", password = $"member{i:D4}x" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
        Assert.Equal(2, await app.WithDb(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Personal_data_never_reaches_the_logs()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", email: "secret.person@example.com");
        await app.LoginAsync("13812345678", MallApp.MemberPassword);
        await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "secret.person@example.com", password = "wrong-password1" });

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("13812345678") || l.Contains("secret.person") || l.Contains(MallApp.MemberPassword));
    }
}
