using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace MemberMall.Features.Exports;

/// <summary>
/// CSV downloads for the admin console. The console signs in with the cookie, and a plain link cannot carry
/// the bearer token the <c>/api/admin/.../export</c> routes ask for, so these take the cookie instead and
/// reuse the same exports and permissions.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/admin/export").ExcludeFromDescription();
        exports.MapGet("/orders.csv", async ([AsParameters] OrderQuery query, OrderQueries queries, CancellationToken ct) =>
        {
            var orders = await queries.FilterAsync(query with { MemberId = null }, ct);
            return Results.Stream(s => OrderExport.WriteCsvAsync(orders, s, ct), "text/csv; charset=utf-8", "orders.csv");
        }).RequireAuthorization(CookiePolicy(Permissions.ReportsRead));
        exports.MapGet("/members.csv", async ([AsParameters] MemberQuery query, HttpContext http, MemberExport export, CancellationToken ct) =>
        {
            var members = await export.PrepareAsync(query, "csv", Actor.From(http), ct);
            return Results.Stream(s => export.WriteCsvAsync(members, http.User.Has(Permissions.MembersPii), s, ct), "text/csv; charset=utf-8", "members.csv");
        }).RequireAuthorization(CookiePolicy(Permissions.MembersExport));
        return app;
    }

    private static AuthorizeAttribute CookiePolicy(string permission) => new(permission) { AuthenticationSchemes = AuthSetup.Cookie };
}
