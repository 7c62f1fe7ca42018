using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

public sealed record LoyaltySettingsInput(
    [property: Range(0, 100)] decimal EarnRate, [property: Range(0, 90)] int ReturnWindowDays, [property: Required] string Expiry,
    [property: Range(0, 3650)] int ExpiryDays, [property: Range(1, 10_000)] int RedeemPointsPerYuan, long RedeemMinPoints, long RedeemMaxPointsPerOrder,
    [property: Range(0, 100)] int RedeemMaxSharePercent, long RegistrationPoints, long FirstOrderPoints, long ReviewPoints,
    string? TierDowngrade = null, int? TierGraceDays = null, long? CheckInPoints = null, int? StreakBonusDay = null, long? StreakBonusPoints = null,
    long? ReferrerPoints = null, long? RefereePoints = null);

public sealed record PointsRuleInput([property: Required] string Scope, [property: Required] Guid TargetId, [property: Range(0, 100)] decimal Rate, [property: StringLength(100)] string? Name);

public sealed record CampaignInput([property: Required, StringLength(100)] string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, [property: Range(1, 10)] decimal Multiplier);

/// <summary>Configuration of the points programme: settings, per-category/product rates and campaign multipliers.</summary>
public static class PointsRulesEndpoints
{
    public static IEndpointRouteBuilder MapPointsRules(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/points").WithTags("Points (staff)");
        admin.MapGet("/settings", (LoyaltySettingsService s, CancellationToken ct) => s.GetAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPut("/settings", async (LoyaltySettingsInput input, MallDb db, LoyaltySettingsService s, AuditLog audit, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            if (!EnumText.TryParseSnake<ExpiryPolicy>(input.Expiry, out var expiry))
                throw new RequestValidationException("points.expiry_policy_invalid", "expiry", "Expiry is days_after_available, end_of_month, end_of_year or never.");
            var row = await db.LoyaltySettings.SingleOrDefaultAsync(ct);
            if (row is null) db.LoyaltySettings.Add(row = new LoyaltySettings());
            row.Update(input.EarnRate, input.ReturnWindowDays, expiry, input.ExpiryDays, input.RedeemPointsPerYuan, input.RedeemMinPoints, input.RedeemMaxPointsPerOrder,
                input.RedeemMaxSharePercent, input.RegistrationPoints, input.FirstOrderPoints, input.ReviewPoints, clock.GetUtcNow());
            var policy = row.TierDowngrade;
            if (input.TierDowngrade is not null && !EnumText.TryParseSnake(input.TierDowngrade, out policy))
                throw new RequestValidationException("tier.policy_invalid", "tierDowngrade", "The downgrade policy is never, periodic or one_step_with_grace.");
            row.SetTierPolicy(policy, input.TierGraceDays ?? row.TierGraceDays, clock.GetUtcNow());
            row.SetEngagement(input.CheckInPoints ?? row.CheckInPoints, input.StreakBonusDay ?? row.StreakBonusDay, input.StreakBonusPoints ?? row.StreakBonusPoints,
                input.ReferrerPoints ?? row.ReferrerPoints, input.RefereePoints ?? row.RefereePoints, clock.GetUtcNow());
            audit.Record(Actor.From(http), "points.settings_update", "loyalty_settings", "1", null, input);
            await db.SaveChangesAsync(ct);
            s.Forget();
            return row;
        }).RequireAuthorization(Permissions.SettingsWrite);

        admin.MapGet("/rules", (MallDb db, CancellationToken ct) => db.PointsRules.AsNoTracking().OrderBy(r => r.Scope).ToListAsync(ct))
            .RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("/rules", async (PointsRuleInput input, MallDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var rule = new PointsRule(input.Scope, input.TargetId, input.Rate, input.Name);
            await db.PointsRules.Where(r => r.Scope == rule.Scope && r.TargetId == rule.TargetId).ExecuteDeleteAsync(ct);
            db.PointsRules.Add(rule);
            audit.Record(Actor.From(http), "points.rule_set", "points_rule", rule.Id.ToString(), null, input);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created("/api/admin/points/rules", rule);
        }).RequireAuthorization(Permissions.SettingsWrite);
        admin.MapDelete("/rules/{id:guid}", async (Guid id, MallDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (await db.PointsRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0) throw new NotFoundException("points.rule_not_found", "Rule not found.");
            audit.Record(Actor.From(http), "points.rule_delete", "points_rule", id.ToString(), null, null);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.SettingsWrite);

        admin.MapGet("/campaigns", (MallDb db, CancellationToken ct) => db.PointsCampaigns.AsNoTracking().OrderByDescending(c => c.StartsAt).ToListAsync(ct))
            .RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("/campaigns", async (CampaignInput input, MallDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var campaign = new PointsCampaign(input.Name, input.StartsAt, input.EndsAt, input.Multiplier);
            db.PointsCampaigns.Add(campaign);
            audit.Record(Actor.From(http), "points.campaign_create", "points_campaign", campaign.Id.ToString(), null, input);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created("/api/admin/points/campaigns", campaign);
        }).RequireAuthorization(Permissions.SettingsWrite);
        return app;
    }
}
