using MemberMall.Common;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Accounts;

/// <summary>Sign-in and tokens for the API, sign-out for the cookie, and staff accounts.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAuth();
        app.MapCookieLogout();
        MapStaff(app);
        MapApiKeys(app);
        return app;
    }

    private static void MapApiKeys(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/admin/api-keys").WithTags("API keys").RequireAuthorization(Permissions.StaffManage);
        keys.MapGet("", (ApiKeyService s, CancellationToken ct) => s.ListAsync(ct));
        keys.MapPost("", async (ApiKeyInput input, ApiKeyService s, HttpContext http, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/api-keys/{created.Key.Id}", created);
        }).ProducesError(400, "apikey.scope_unknown", "apikey.expiry_past");
        keys.MapDelete("/{id:guid}", async (Guid id, ApiKeyService s, HttpContext http, CancellationToken ct) =>
        {
            await s.RevokeAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "apikey.not_found");
    }

    private static void MapStaff(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin/staff").WithTags("Staff").RequireAuthorization(Permissions.StaffManage);
        staff.MapGet("", (StaffService s, CancellationToken ct) => s.ListAsync(ct));
        staff.MapPost("", async (StaffCreate req, StaffService s, HttpContext http, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(req, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/staff/{created.Id}", created);
        }).ProducesError(400, "staff.role_invalid", "staff.username_invalid").ProducesError(409, "staff.username_taken");
        staff.MapPatch("/{id:guid}", (Guid id, StaffUpdate req, StaffService s, HttpContext http, CancellationToken ct) =>
            s.UpdateAsync(id, req, Actor.From(http), ct))
            .ProducesError(404, "staff.not_found").ProducesError(422, "staff.cannot_disable_self", "staff.last_admin");
        staff.MapPost("/{id:guid}/password", async (Guid id, PasswordReset req, StaffService s, HttpContext http, CancellationToken ct) =>
        {
            await s.ResetPasswordAsync(id, req.Password, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "staff.not_found").ProducesError(400, "account.password_weak");
        app.MapGet("/api/admin/roles", () => Permissions.ByRole.Select(r => new { role = r.Key, permissions = r.Value }))
            .WithTags("Staff").RequireAuthorization(Permissions.StaffManage);
    }
}
