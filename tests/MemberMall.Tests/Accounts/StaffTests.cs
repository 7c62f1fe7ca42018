using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Accounts;

public class StaffTests
{
    [Fact]
    public async Task Admin_creates_a_staff_user_who_can_log_in_and_the_audit_log_records_it()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();

        var created = await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "kefu01", displayName = "客服小王", role = "service", password = "kefu2026pass" }))
            .ShouldBe(HttpStatusCode.Created);

        var login = await app.LoginAsync("kefu01", "kefu2026pass");
        Assert.Equal("service", login["account"]!.Str("role"));
        var audit = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/admin/audit?action=staff.create&entityId=" + created.Str("id"));
        var row = Assert.Single(audit!["items"]!.AsArray())!;
        Assert.Equal("系统管理员", row.Str("actorName"));
        Assert.Equal("admin", row.Str("actorRole"));
        Assert.Contains("kefu01", row.Str("after"));
        Assert.DoesNotContain("kefu2026pass", row.Str("after"));
    }

    [Fact]
    public async Task A_taken_or_malformed_user_name_or_unknown_role_is_refused()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "admin", displayName = "x", role = "service", password = "abc12345678" }))
            .ShouldFail(HttpStatusCode.Conflict, "staff.username_taken");
        await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "13812345678", displayName = "x", role = "service", password = "abc12345678" }))
            .ShouldFail(HttpStatusCode.BadRequest, "staff.username_invalid");
        await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "boss", displayName = "x", role = "owner", password = "abc12345678" }))
            .ShouldFail(HttpStatusCode.BadRequest, "staff.role_invalid");
        Assert.Equal(1, await app.WithDb(db => db.Users.CountAsync()));
    }

    /// <summary>A new operations user, signed in: their id and a client with their token.</summary>
    private static async Task<(string Id, HttpClient Client)> SignedInOperatorAsync(MallApp app, HttpClient admin, string userName)
    {
        var created = await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName, displayName = "运营", role = "operations", password = "ops2026pass" }))
            .ShouldBe(HttpStatusCode.Created);
        return (created.Str("id"), app.WithToken((await app.LoginAsync(userName, "ops2026pass")).Str("accessToken")));
    }

    [Fact]
    public async Task A_new_role_applies_to_the_very_next_request_of_a_signed_in_user()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (id, ops) = await SignedInOperatorAsync(app, admin, "ops02");
        // Two requests as operations: the second is answered from the session kept in memory.
        await (await ops.PostAsJsonAsync("/api/admin/categories", new { name = "运营分类" })).ShouldBe(HttpStatusCode.Created);
        (await ops.GetAsync("/api/admin/members")).EnsureSuccessStatusCode();

        (await admin.PatchAsJsonAsync($"/api/admin/staff/{id}", new { role = "finance" })).EnsureSuccessStatusCode();

        await (await ops.PostAsJsonAsync("/api/admin/categories", new { name = "财务分类" })).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
        (await ops.GetAsync("/api/admin/members")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Disabling_a_staff_user_ends_their_sessions_at_once()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (id, ops) = await SignedInOperatorAsync(app, admin, "ops01");
        (await ops.GetAsync("/api/admin/members")).EnsureSuccessStatusCode();

        (await admin.PatchAsJsonAsync($"/api/admin/staff/{id}", new { disabled = true })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await ops.GetAsync("/api/admin/members")).StatusCode);
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "ops01", password = "ops2026pass" }))
            .ShouldFail(HttpStatusCode.Forbidden, "auth.account_disabled");
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var me = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/auth/me");

        await (await admin.PatchAsJsonAsync($"/api/admin/staff/{me!.Str("id")}", new { role = "analyst" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "staff.last_admin");
    }

    [Fact]
    public async Task A_role_change_applies_to_the_next_request()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "fin01", displayName = "财务", role = "finance", password = "fin2026pass" }))
            .ShouldBe(HttpStatusCode.Created);
        var fin = app.WithToken((await app.LoginAsync("fin01", "fin2026pass")).Str("accessToken"));
        Assert.Equal(HttpStatusCode.Forbidden, (await fin.GetAsync("/api/admin/audit")).StatusCode);

        (await admin.PatchAsJsonAsync($"/api/admin/staff/{created.Str("id")}", new { role = "admin" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await fin.GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task The_permission_matrix_is_for_those_who_manage_staff()
    {
        await using var app = await MallApp.StartAsync();
        var service = await app.StaffAsync("service");

        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/api/admin/roles")).StatusCode);
        var roles = await (await (await app.AdminAsync()).GetAsync("/api/admin/roles")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(roles.AsArray(), r => r!["role"]!.GetValue<string>() == "finance");
    }
}
