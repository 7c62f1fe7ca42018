using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Accounts;

public class ApiKeyTests
{
    private static async Task<(string Id, string Secret)> KeyAsync(HttpClient admin, object body)
    {
        var created = await (await admin.PostAsJsonAsync("/api/admin/api-keys", body)).ShouldBe(HttpStatusCode.Created);
        return (created["key"].Str("id"), created.Str("secret"));
    }

    private static HttpClient WithKey(MallApp app, string secret)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    [Fact]
    public async Task A_key_opens_the_staff_routes_its_scopes_cover_and_is_audited_as_the_key()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (id, secret) = await KeyAsync(admin, new { name = "erp", scopes = new[] { "catalog:read", "catalog:write" } });
        var key = WithKey(app, secret);

        await (await key.GetAsync("/api/admin/stock")).ShouldBe(HttpStatusCode.OK);
        var product = await key.ProductAsync("钥匙扣", 9.9m, 5);
        await (await key.GetAsync("/api/admin/members")).ShouldFail(HttpStatusCode.Forbidden, "apikey.scope_missing");
        await (await key.GetAsync("/api/admin/api-keys")).ShouldFail(HttpStatusCode.Forbidden, "apikey.scope_missing");
        await (await key.GetAsync("/api/me")).ShouldBe(HttpStatusCode.Unauthorized);

        var audit = await admin.Json($"/api/admin/audit?entityId={product}");
        Assert.Contains("apikey:erp", audit.ToJsonString());
        var listed = (await admin.Json("/api/admin/api-keys")).AsArray().Single(k => k.Str("id") == id)!;
        Assert.NotNull(listed["lastUsedAt"]);
        Assert.Null(listed["secret"]);
        Assert.Equal(["catalog:read", "catalog:write"], listed["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task A_revoked_or_expired_key_answers_401_and_bad_input_writes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", scopes = new[] { "root" } })).ShouldFail(HttpStatusCode.BadRequest, "apikey.scope_unknown");
        await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", scopes = Array.Empty<string>() })).ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "x", scopes = new[] { "orders:read" }, expiresAt = app.Clock.GetUtcNow().AddDays(-1) }))
            .ShouldFail(HttpStatusCode.BadRequest, "apikey.expiry_past");
        Assert.Empty((await admin.Json("/api/admin/api-keys")).AsArray());

        var (revokedId, revoked) = await KeyAsync(admin, new { name = "old", scopes = new[] { "orders:read" } });
        var (_, expiring) = await KeyAsync(admin, new { name = "tmp", scopes = new[] { "orders:read" }, expiresAt = app.Clock.GetUtcNow().AddHours(1) });
        await (await WithKey(app, revoked).GetAsync("/api/admin/orders")).ShouldBe(HttpStatusCode.OK);
        await (await admin.DeleteAsync($"/api/admin/api-keys/{revokedId}")).ShouldBe(HttpStatusCode.NoContent);
        await (await WithKey(app, revoked).GetAsync("/api/admin/orders")).ShouldFail(HttpStatusCode.Unauthorized, "apikey.revoked");
        await (await WithKey(app, "mk_nothing").GetAsync("/api/admin/orders")).ShouldFail(HttpStatusCode.Unauthorized, "apikey.invalid");
        await (await admin.DeleteAsync($"/api/admin/api-keys/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "apikey.not_found");

        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await WithKey(app, expiring).GetAsync("/api/admin/orders")).ShouldFail(HttpStatusCode.Unauthorized, "apikey.expired");
    }

    [Fact]
    public async Task Each_key_has_its_own_request_budget_per_minute()
    {
        await using var app = await MallApp.StartAsync(new() { ["ApiKeys:RequestsPerMinute"] = "3" });
        var admin = await app.AdminAsync();
        var (_, first) = await KeyAsync(admin, new { name = "a", scopes = new[] { "orders:read" } });
        var (_, second) = await KeyAsync(admin, new { name = "b", scopes = new[] { "orders:read" } });
        for (var i = 0; i < 3; i++) await (await WithKey(app, first).GetAsync("/api/admin/orders")).ShouldBe(HttpStatusCode.OK);

        await (await WithKey(app, first).GetAsync("/api/admin/orders")).ShouldFail(HttpStatusCode.TooManyRequests, "rate_limited");
        await (await WithKey(app, second).GetAsync("/api/admin/orders")).ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++) await (await admin.GetAsync("/api/admin/orders")).ShouldBe(HttpStatusCode.OK);
    }
}
