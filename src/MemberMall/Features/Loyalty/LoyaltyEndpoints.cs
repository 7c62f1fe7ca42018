using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Loyalty;

public sealed record LoyaltySettingsInput(
    [property: Range(0, 100)] decimal EarnRate, [property: Range(0, 90)] int ReturnWindowDays, [property: Required] string Expiry,
    [property: Range(0, 3650)] int ExpiryDays, [property: Range(1, 10_000)] int RedeemPointsPerYuan, long RedeemMinPoints, long RedeemMaxPointsPerOrder,
    [property: Range(0, 100)] int RedeemMaxSharePercent, long RegistrationPoints, long FirstOrderPoints, long ReviewPoints,
    string? TierDowngrade = null, int? TierGraceDays = null, long? CheckInPoints = null, int? StreakBonusDay = null, long? StreakBonusPoints = null,
    long? ReferrerPoints = null, long? RefereePoints = null);

/// <summary>The loyalty programme's settings form (points, tier policy, engagement rewards), at the address it has always had.</summary>
public static class LoyaltyEndpoints
{
    public static IEndpointRouteBuilder MapLoyalty(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/points").WithTags("Points (staff)");
        admin.MapGet("/settings", (LoyaltySettingsAdmin s, CancellationToken ct) => s.GetAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPut("/settings", (LoyaltySettingsInput input, LoyaltySettingsAdmin s, HttpContext http, CancellationToken ct) =>
            s.UpdateAsync(input, Actor.From(http), ct)).RequireAuthorization(Permissions.SettingsWrite)
            .ProducesError(400, "points.expiry_policy_invalid", "tier.policy_invalid").ProducesError(422, "points.rate_invalid", "points.window_invalid",
                "points.expiry_invalid", "points.redeem_rule_invalid", "points.bonus_invalid", "engagement.rule_invalid", "tier.grace_invalid");
        return app;
    }
}
