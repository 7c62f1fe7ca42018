using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
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
