using System.Security.Claims;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Members;

public static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/register", async (RegisterRequest req, Registration registration, CancellationToken ct) =>
        {
            var result = await registration.RegisterAsync(req, ct);
            return TypedResults.Created($"/api/admin/members/{result.MemberId}", result);
        }).WithTags("Auth").RequireRateLimiting(AuthEndpoints.LoginRateLimit).AllowAnonymous()
            .ProducesError(409, "account.email_taken", "account.phone_taken").ProducesError(422, "referral.code_unknown", "referral.self_referral")
            .ProducesError(429, "rate_limited");

        var me = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization(Roles.Member);
        me.MapGet("", (ClaimsPrincipal user, MemberProfile p, CancellationToken ct) => p.GetAsync(MemberId(user), ct));
        me.MapPatch("", (ProfileUpdate update, ClaimsPrincipal user, MemberProfile p, CancellationToken ct) => p.UpdateAsync(MemberId(user), update, ct))
            .ProducesError(422, "member.birthday_invalid", "member.contact_required");
        me.MapGet("/addresses", (ClaimsPrincipal user, MemberProfile p, CancellationToken ct) => p.AddressesAsync(MemberId(user), ct));
        me.MapPost("/addresses", async (AddressInput input, ClaimsPrincipal user, MemberProfile p, CancellationToken ct) =>
        {
            var address = await p.AddAddressAsync(MemberId(user), input, ct);
            return TypedResults.Created($"/api/me/addresses/{address.Id}", address);
        }).ProducesError(422, "address.limit_reached");
        me.MapPatch("/addresses/{id:guid}", (Guid id, AddressInput input, ClaimsPrincipal user, MemberProfile p, CancellationToken ct) =>
            p.UpdateAddressAsync(MemberId(user), id, input, ct)).ProducesError(404, "address.not_found");
        me.MapDelete("/addresses/{id:guid}", async (Guid id, ClaimsPrincipal user, MemberProfile p, CancellationToken ct) =>
        {
            await p.DeleteAddressAsync(MemberId(user), id, ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "address.not_found");

        var admin = app.MapGroup("/api/admin/members").WithTags("Members (staff)");
        admin.MapGet("", ([AsParameters] MemberQuery query, ClaimsPrincipal user, MemberSearch search, CancellationToken ct) =>
            search.SearchAsync(query, user.Has(Permissions.MembersPii), ct)).RequireAuthorization(Permissions.MembersRead);
        admin.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, MemberAdmin members, CancellationToken ct) =>
            members.DetailAsync(id, user.Has(Permissions.MembersPii), ct)).RequireAuthorization(Permissions.MembersRead)
            .ProducesError(404, "member.not_found");
        admin.MapPatch("/{id:guid}", (Guid id, StaffProfileUpdate update, HttpContext http, MemberAdmin members, CancellationToken ct) =>
            members.UpdateAsync(id, update, Actor.From(http), http.User.Has(Permissions.MembersPii), ct)).RequireAuthorization(Permissions.MembersWrite)
            .ProducesError(404, "member.not_found").ProducesError(422, "member.birthday_invalid", "member.contact_required");
        admin.MapPost("/{id:guid}/tags", async (Guid id, TagInput input, HttpContext http, MemberAdmin members, CancellationToken ct) =>
        {
            await members.AddTagAsync(id, input.Name, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.MembersWrite);
        admin.MapDelete("/{id:guid}/tags/{name}", async (Guid id, string name, HttpContext http, MemberAdmin members, CancellationToken ct) =>
        {
            await members.RemoveTagAsync(id, name, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.MembersWrite).ProducesError(404, "member.not_found", "tag.not_on_member");
        admin.MapPost("/{id:guid}/notes", async (Guid id, NoteInput input, HttpContext http, MemberAdmin members, CancellationToken ct) =>
            TypedResults.Created($"/api/admin/members/{id}", await members.AddNoteAsync(id, input.Body, Actor.From(http), ct)))
            .RequireAuthorization(Permissions.MembersWrite);
        admin.MapGet("/export", async ([AsParameters] MemberQuery query, string? format, HttpContext http, MemberExport export, CancellationToken ct) =>
        {
            format = (format ?? "csv").ToLowerInvariant();
            if (format is not ("csv" or "xlsx"))
                throw new RequestValidationException("export.format_invalid", "format", "Use format=csv or format=xlsx.");
            var unmasked = http.User.Has(Permissions.MembersPii);
            var members = await export.PrepareAsync(query, format, Actor.From(http), ct);
            if (format == "xlsx")
                return Results.Stream(s => export.SendXlsxAsync(members, unmasked, s, ct), TableExport.XlsxContentType, "members.xlsx");
            return Results.Stream(s => export.WriteCsvAsync(members, unmasked, s, ct), "text/csv; charset=utf-8", "members.csv");
        }).RequireAuthorization(Permissions.MembersExport).ProducesError(400, "export.format_invalid").ProducesError(422, "export.too_large");

        app.MapGet("/api/admin/tags", (MemberAdmin members, CancellationToken ct) => members.TagsAsync(ct))
            .WithTags("Members (staff)").RequireAuthorization(Permissions.MembersRead);
        return app;
    }

    public static Guid MemberId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
