using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Coupons;

public sealed record ClaimCodeInput([property: Required, StringLength(32, MinimumLength = 1)] string Code);

public static class CouponEndpoints
{
    public static IEndpointRouteBuilder MapCoupons(this IEndpointRouteBuilder app)
    {
        var site = app.MapGroup("/api").WithTags("Coupons");
        site.MapGet("/coupons", (CouponQueries q, CancellationToken ct) => q.ClaimableAsync(ct)).AllowAnonymous();
        site.MapPost("/coupons/{id:guid}/claims", async (Guid id, ClaimsPrincipal user, CouponService coupons, CancellationToken ct) =>
                TypedResults.Created("/api/me/coupons", CouponQueries.Claimed(await coupons.ClaimAsync(MemberId(user), id, ct))))
            .RequireAuthorization(Roles.Member).ProducesError(404, "coupon.not_found")
            .ProducesError(422, "coupon.not_claimable", "coupon.sold_out", "coupon.limit_reached");
        site.MapPost("/coupons/claims", async (ClaimCodeInput input, ClaimsPrincipal user, CouponService coupons, CancellationToken ct) =>
                TypedResults.Created("/api/me/coupons", CouponQueries.Claimed(await coupons.ClaimByCodeAsync(MemberId(user), input.Code, ct))))
            .RequireAuthorization(Roles.Member).ProducesError(404, "coupon.not_found")
            .ProducesError(422, "coupon.not_claimable", "coupon.sold_out", "coupon.limit_reached");
        site.MapGet("/me/coupons", (string? status, ClaimsPrincipal user, CouponQueries q, CancellationToken ct) => q.MineAsync(MemberId(user), status, ct))
            .RequireAuthorization(Roles.Member).ProducesError(400, "coupon.status_invalid");

        var admin = app.MapGroup("/api/admin/coupons").WithTags("Coupons (staff)");
        admin.MapGet("", (string? status, int? page, int? pageSize, CouponQueries q, CancellationToken ct) => q.AdminListAsync(status, page, pageSize, ct))
            .RequireAuthorization(Permissions.DashboardRead).ProducesError(400, "coupon.status_invalid");
        admin.MapGet("/{id:guid}", (Guid id, CouponQueries q, CancellationToken ct) => q.AdminAsync(id, ct))
            .RequireAuthorization(Permissions.DashboardRead).ProducesError(404, "coupon.not_found");
        admin.MapPost("", async (CouponInput input, HttpContext http, CouponAdmin coupons, CancellationToken ct) =>
        {
            var created = await coupons.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/coupons/{created.Id}", created);
        }).RequireAuthorization(Permissions.MarketingWrite).ProducesError(400, InputCodes).ProducesError(409, "coupon.claim_code_taken");
        admin.MapPatch("/{id:guid}", (Guid id, CouponInput patch, HttpContext http, CouponAdmin coupons, CancellationToken ct) =>
                coupons.UpdateAsync(id, patch, Actor.From(http), ct))
            .RequireAuthorization(Permissions.MarketingWrite).ProducesError(400, InputCodes).ProducesError(404, "coupon.not_found")
            .ProducesError(409, "coupon.claim_code_taken").ProducesError(422, "coupon.terms_locked", "coupon.quantity_below_claimed", "coupon.budget_below_given");
        admin.MapPost("/{id:guid}/publish", (Guid id, HttpContext http, CouponAdmin coupons, CancellationToken ct) => coupons.PublishAsync(id, Actor.From(http), ct))
            .RequireAuthorization(Permissions.MarketingWrite).ProducesError(404, "coupon.not_found").ProducesError(422, "coupon.invalid_transition", "coupon.expired");
        admin.MapPost("/{id:guid}/stop", (Guid id, HttpContext http, CouponAdmin coupons, CancellationToken ct) => coupons.StopAsync(id, Actor.From(http), ct))
            .RequireAuthorization(Permissions.MarketingWrite).ProducesError(404, "coupon.not_found").ProducesError(422, "coupon.invalid_transition");
        admin.MapPost("/{id:guid}/grants", async (Guid id, GrantInput input, HttpContext http, CouponService coupons, CancellationToken ct) =>
        {
            var copies = await coupons.GrantAsync(id, input.MemberIds ?? [], Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/coupons/{id}", new { granted = copies.Count, memberCouponIds = copies.Select(c => c.Id) });
        }).RequireAuthorization(Permissions.MarketingWrite).ProducesError(400, "coupon.grant_invalid").ProducesError(404, "coupon.not_found", "member.not_found")
            .ProducesError(422, "coupon.not_claimable", "coupon.sold_out");
        return app;
    }

    private static readonly string[] InputCodes =
    [
        "coupon.name_required", "coupon.kind_invalid", "coupon.amount_invalid", "coupon.threshold_invalid", "coupon.percent_invalid",
        "coupon.max_discount_invalid", "coupon.validity_invalid", "coupon.window_invalid", "coupon.scope_invalid", "coupon.quantity_invalid",
        "coupon.limit_invalid", "coupon.budget_invalid", "coupon.claim_code_invalid", "money.out_of_range", "money.too_precise",
    ];

    // Read from the claim as Members does; Coupons keeps no arrow to Members.
    private static Guid MemberId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
