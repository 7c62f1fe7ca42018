using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Points;

public sealed record PointsRuleInput([property: Required] string Scope, [property: Required] Guid TargetId, [property: Range(0, 100)] decimal Rate, [property: StringLength(100)] string? Name);

public sealed record CampaignInput([property: Required, StringLength(100)] string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, [property: Range(1, 10)] decimal Multiplier);

/// <summary>Configuration of the points programme: per-category/product rates and campaign multipliers.</summary>
public static class PointsRulesEndpoints
{
    internal static IEndpointRouteBuilder MapPointsRules(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/points").WithTags("Points (staff)");
        admin.MapGet("/rules", (PointsAdmin points, CancellationToken ct) => points.RulesAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("/rules", async (PointsRuleInput input, PointsAdmin points, HttpContext http, CancellationToken ct) =>
            TypedResults.Created("/api/admin/points/rules", await points.SetRuleAsync(input, Actor.From(http), ct))).RequireAuthorization(Permissions.SettingsWrite)
            .ProducesError(400, "points.rule_scope_invalid");
        admin.MapDelete("/rules/{id:guid}", async (Guid id, PointsAdmin points, HttpContext http, CancellationToken ct) =>
        {
            await points.DeleteRuleAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.SettingsWrite).ProducesError(404, "points.rule_not_found");

        admin.MapGet("/campaigns", (PointsAdmin points, CancellationToken ct) => points.CampaignsAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("/campaigns", async (CampaignInput input, PointsAdmin points, HttpContext http, CancellationToken ct) =>
            TypedResults.Created("/api/admin/points/campaigns", await points.CreateCampaignAsync(input, Actor.From(http), ct))).RequireAuthorization(Permissions.SettingsWrite)
            .ProducesError(400, "campaign.name_required").ProducesError(422, "campaign.dates_invalid", "campaign.multiplier_invalid");
        return app;
    }
}
