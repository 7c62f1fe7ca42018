using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Accounts;

public class AccessTests
{
    /// <summary>Every staff route the app maps, with placeholder values in its route parameters.</summary>
    private static List<(string Method, string Path)> StaffRoutes(MallApp app) => app.Service(sp =>
        sp.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } => Guid.NewGuid().ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart q => q.Name + "-x",
                    _ => "",
                })))))))
            .ToList());

    /// <summary>
    /// Who may call each API route, as the app enforces it: the policies of the route and its group joined by " + ",
    /// "signed in" for a bare sign-in requirement, "anyone" for none.
    /// </summary>
    private static SortedDictionary<string, string> EnforcedPermissions(MallApp app) => app.Service(sp =>
    {
        var table = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in sp.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.RoutePattern.RawText is not { } raw || !raw.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var route = System.Text.RegularExpressions.Regex.Replace(raw, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/');
            var data = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var who = e.Metadata.GetMetadata<IAllowAnonymous>() is not null || data.Count == 0 ? "anyone"
                : string.Join(" + ", data.Select(d => d.Policy ?? d.Roles ?? "signed in").Distinct());
            foreach (var method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                table[$"{method} {route}"] = who;
        }
        return table;
    });

    /// <summary>The table under "Who may call each route" in docs/api.md: one row per method and route.</summary>
    private static SortedDictionary<string, string> DocumentedPermissions()
    {
        var lines = File.ReadAllLines(Path.Combine(SourceTree.Root, "docs", "api.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## Who may call each route", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/api.md has no section \"## Who may call each route\".");
        var table = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || !cells[1].StartsWith('`')) continue;
            table[cells[1].Trim('`')] = cells[2].Replace("`", "");
        }
        return table;
    }

    [Fact]
    public async Task Every_api_route_asks_for_the_permission_the_documentation_names()
    {
        await using var app = await MallApp.StartAsync();
        var enforced = EnforcedPermissions(app);
        var documented = DocumentedPermissions();
        Assert.True(enforced.Count > 80, $"Only {enforced.Count} routes were found.");

        var differences = enforced.Keys.Union(documented.Keys).Order(StringComparer.Ordinal)
            .Where(k => enforced.GetValueOrDefault(k) != documented.GetValueOrDefault(k))
            .Select(k => $"{k}: the app asks for '{enforced.GetValueOrDefault(k) ?? "(no such route)"}', docs/api.md says '{documented.GetValueOrDefault(k) ?? "(not listed)"}'")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences) + "\n\nThe table as the app enforces it:\n"
            + string.Join("\n", enforced.Select(r => $"| `{r.Key}` | {string.Join(" + ", r.Value.Split(" + ").Select(p => p is "anyone" or "signed in" ? p : $"`{p}`"))} |")));
        Assert.Equal("staff.manage", enforced["GET /api/admin/roles"]);
    }

    [Fact]
    public async Task Every_staff_endpoint_refuses_an_anonymous_call_with_401_and_a_member_with_403()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        var anonymous = app.Anonymous();
        var routes = StaffRoutes(app);
        Assert.True(routes.Count >= 12, $"only {routes.Count} staff routes found");

        foreach (var (method, path) in routes)
        {
            var asAnonymous = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(asAnonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {asAnonymous.StatusCode} to an anonymous call");
            var asMember = await member.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
            Assert.True(asMember.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {asMember.StatusCode} to a member");
            await asMember.ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        }
    }

    [Fact]
    public async Task Member_routes_refuse_staff_tokens()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.GetAsync("/api/me")).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.Anonymous().GetAsync("/api/me")).ShouldFail(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Theory]
    [InlineData("operations", "/api/admin/staff", HttpStatusCode.Forbidden)]
    [InlineData("service", "/api/admin/audit", HttpStatusCode.Forbidden)]
    [InlineData("analyst", "/api/admin/members", HttpStatusCode.OK)]
    [InlineData("finance", "/api/admin/members", HttpStatusCode.OK)]
    [InlineData("admin", "/api/admin/audit", HttpStatusCode.OK)]
    public async Task Roles_reach_what_the_permission_matrix_grants(string role, string path, HttpStatusCode expected)
    {
        await using var app = await MallApp.StartAsync();
        var staff = role == "admin" ? await app.AdminAsync() : await app.StaffAsync(role);
        Assert.Equal(expected, (await staff.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task An_analyst_cannot_change_a_member_or_create_staff()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678");
        var analyst = await app.StaffAsync("analyst");

        await (await analyst.PostAsJsonAsync($"/api/admin/members/{id}/tags", new { name = "VIP" })).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await analyst.PostAsJsonAsync("/api/admin/staff", new { userName = "sneaky", displayName = "x", role = "admin", password = "sneaky2026" }))
            .ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
