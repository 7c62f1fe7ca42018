using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Platform;

public class PlatformTests
{
    [Fact]
    public void PostgreSQL_connections_keep_prepared_statements_and_a_pool_sized_to_the_cores_unless_the_connection_string_says_otherwise()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.TunePostgres("Host=db;Username=mall"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(256, tuned.MaxAutoPrepare);
        Assert.Equal(Math.Clamp(4 * Environment.ProcessorCount, 8, 100), tuned.MaxPoolSize);

        var own = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.TunePostgres("Host=db;Username=mall;Maximum Pool Size=200;Max Auto Prepare=10"));
        Assert.Equal(200, own.MaxPoolSize);
        Assert.Equal(10, own.MaxAutoPrepare);
        Assert.Equal(50, new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.TunePostgres("Host=db;MaxPoolSize=50")).MaxPoolSize);
    }

    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes_and_the_docs_page_is_served()
    {
        await using var app = await MallApp.StartAsync();
        var doc = (await app.Anonymous().GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/auth/login", paths);
        Assert.Contains("/api/auth/register", paths);
        Assert.Contains("/api/admin/members", paths);
        Assert.Contains("/api/me/addresses", paths);

        var docs = await app.Anonymous().GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.Contains("MemberMall API", html);
        // The reference page's script is served by the app itself, not from a CDN.
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/docs/scalar.js")).StatusCode);
    }

    [Theory]
    [InlineData("/api/shop")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/")]
    [InlineData("/login")]
    public async Task Pages_and_api_answers_carry_the_security_headers(string path)
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("frame-ancestors 'self'", directives["frame-ancestors"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        // Plain http (and localhost) never gets HSTS: a browser would pin a scheme the site may not serve.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_answers_outside_development_carry_HSTS()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shop.example") });
        var response = await client.GetAsync("/api/shop");
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Unknown_api_routes_and_malformed_json_answer_with_problem_codes()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        await (await client.GetAsync("/api/no-such-thing")).ShouldFail(HttpStatusCode.NotFound, "not_found");
        var malformed = await client.PostAsync("/api/auth/login", new StringContent("{\"login\": ", System.Text.Encoding.UTF8, "application/json"));
        await malformed.ShouldFail(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes_in_the_database_itself()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync("/api/admin/settings", new { name = "好物商城", currency = "CNY", timeZone = "Asia/Shanghai", defaultCulture = "zh-CN" }))
            .EnsureSuccessStatusCode();

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDb(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor_name = 'someone else'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDb(async db =>
        {
            var row = await db.AuditEntries.FirstAsync();
            db.AuditEntries.Remove(row);
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await app.WithDb(db => db.AuditEntries.CountAsync(a => a.ActorName == "系统管理员" && a.Action == "settings.update")));
    }

    [Fact]
    public async Task Shop_settings_default_to_CNY_in_Shanghai_and_bad_values_are_refused()
    {
        await using var app = await MallApp.StartAsync();
        var shop = (await app.Anonymous().GetFromJsonAsync<JsonNode>("/api/shop"))!;
        Assert.Equal("CNY", shop.Str("currency"));
        Assert.Equal("Asia/Shanghai", shop.Str("timeZone"));
        Assert.Equal("zh-CN", shop.Str("defaultCulture"));

        var admin = await app.AdminAsync();
        await (await admin.PutAsJsonAsync("/api/admin/settings", new { name = "好物商城", currency = "CNY", timeZone = "Mars/Olympus", defaultCulture = "zh-CN" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "settings.time_zone_unknown");
        (await admin.PutAsJsonAsync("/api/admin/settings", new { name = "好物商城", currency = "CNY", timeZone = "Asia/Shanghai", defaultCulture = "en" }))
            .EnsureSuccessStatusCode();
        Assert.Equal("好物商城", (await app.Anonymous().GetFromJsonAsync<JsonNode>("/api/shop")).Str("name"));
    }

    [Fact]
    public async Task The_culture_endpoint_stores_the_choice_and_only_redirects_locally()
    {
        await using var app = await MallApp.StartAsync();
        var response = await app.Anonymous().GetAsync("/culture?culture=en&redirectUri=/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den"));

        var offsite = await app.Anonymous().GetAsync("/culture?culture=en&redirectUri=//evil.example.com");
        Assert.Equal("/", offsite.Headers.Location?.ToString());
        var backslash = await app.Anonymous().GetAsync("/culture?culture=en&redirectUri=/%5Cevil.example");
        Assert.Equal(HttpStatusCode.Redirect, backslash.StatusCode);
        Assert.Equal("/", backslash.Headers.Location?.ToString());
    }
}

public class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new SqliteMallDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqliteMallDb.");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new PostgresMallDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for PostgresMallDb.");
    }
}
