using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberMall.Tests.Support;

/// <summary>The app on a fresh database with a test clock, driven through HTTP.</summary>
public sealed class MallApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin#2026pass";
    public const string MemberPassword = "member2026";
    public const string SandboxSecret = "test-sandbox-secret-0123456789";

    public TestClock Clock { get; } = new(TestClock.DefaultStart);
    public LogSink Logs { get; } = new();
    public TestDatabase Database { get; }
    private readonly Dictionary<string, string?> _settings;

    private MallApp(TestDatabase database, Dictionary<string, string?> settings)
    {
        Database = database;
        _settings = settings;
    }

    public static async Task<MallApp> StartAsync(Dictionary<string, string?>? overrides = null, bool kestrel = false)
    {
        var db = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = db.Provider,
            ["ConnectionStrings:Mall"] = db.ConnectionString,
            ["Storage:DataDirectory"] = db.DataDirectory,
            ["Seed:AdminPassword"] = AdminPassword,
            ["Seed:Demo"] = "false",
            ["Security:PiiEncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Security:PiiHashKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
            ["RateLimits:Login:PermitLimit"] = "100000",
            ["Jobs:Enabled"] = "false",
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Payments:Sandbox:Enabled"] = "true",
            ["Payments:Sandbox:AutoConfirm"] = "false",
            ["Payments:Sandbox:Secret"] = SandboxSecret,
        };
        foreach (var (k, v) in overrides ?? []) settings[k] = v;
        var app = new MallApp(db, settings);
        if (kestrel) app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host does not read the static web assets manifest by itself; browser tests
        // need MudBlazor's and the framework's files served from their package locations.
        builder.UseStaticWebAssets();
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            // Identity's 100 000 PBKDF2 rounds cost a noticeable slice of a second per registration, sign-in and app
            // start (the admin is created each time); tests check who may sign in, not how slow guessing is.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        });
        builder.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
    }

    public T Service<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithDb<T>(Func<MallDb, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<MallDb>());
    }

    public Task WithDb(Func<MallDb, Task> use) => WithDb(async db =>
    {
        await use(db);
        return true;
    });

    // On Kestrel, ClientOptions.BaseAddress carries the bound port; a fresh options object would say http://localhost.
    public HttpClient Anonymous() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<JsonNode> LoginAsync(string login, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/login", new { login, password });
        return await response.ShouldBe(HttpStatusCode.OK);
    }

    public async Task<HttpClient> AdminAsync() => WithToken((await LoginAsync("admin", AdminPassword))["accessToken"]!.GetValue<string>());

    /// <summary>Creates a staff user of <paramref name="role"/> through the admin API and signs in as them.</summary>
    public async Task<HttpClient> StaffAsync(string role)
    {
        var admin = await AdminAsync();
        var userName = role + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName, displayName = role + " user", role, password = "staff2026pass" }))
            .EnsureSuccessStatusCode();
        return WithToken((await LoginAsync(userName, "staff2026pass"))["accessToken"]!.GetValue<string>());
    }

    public async Task<(Guid Id, string MemberNo)> RegisterAsync(string? phone = null, string? email = null, string? name = null)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/register", new { phone, email, password = MemberPassword, name });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        return (Guid.Parse(body["memberId"]!.GetValue<string>()), body["memberNo"]!.GetValue<string>());
    }

    /// <summary>Signs in again, e.g. after moving the clock past the token lifetime.</summary>
    public async Task<HttpClient> SignInAsync(string login, string password = MemberPassword) =>
        WithToken((await LoginAsync(login, password))["accessToken"]!.GetValue<string>());

    public async Task<HttpClient> MemberAsync(string phone, string? name = null)
    {
        await RegisterAsync(phone: phone, name: name);
        return WithToken((await LoginAsync(phone, MemberPassword))["accessToken"]!.GetValue<string>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public static class HttpAssertions
{
    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem response with the given status and stable code.</summary>
    public static async Task<JsonNode> ShouldFail(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.ShouldBe(status);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        return body;
    }

    public static Task<HttpResponseMessage> PatchAsJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PatchAsync(url, JsonContent.Create(body));

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
