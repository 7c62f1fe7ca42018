using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Engagement;
using MemberMall.Features.Points;
using MemberMall.Features.Rebates;
using MemberMall.Features.Tiers;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Loyalty;

/// <summary>The loyalty programme's settings as staff see them on one form: each part is owned and stored by its feature.</summary>
public sealed record LoyaltySettingsView(
    int Id, decimal EarnRate, int ReturnWindowDays, ExpiryPolicy Expiry, int ExpiryDays, int RedeemPointsPerYuan, long RedeemMinPoints,
    long RedeemMaxPointsPerOrder, int RedeemMaxSharePercent, long RegistrationPoints, long FirstOrderPoints, long ReviewPoints, int ExpiryReminderDays,
    long CheckInPoints, int StreakBonusDay, long StreakBonusPoints, long ReferrerPoints, long RefereePoints,
    SettlementMode RebateSettlement, long WithdrawMinFen, decimal WithdrawFeePercent, long WithdrawFeeMinFen,
    DowngradePolicy TierDowngrade, int TierGraceDays, DateTimeOffset UpdatedAt);

/// <summary>
/// Staff changes to the points, tier-policy and engagement settings made on one form: the API endpoint and the admin
/// console both call this, so a change made on either writes the same rows and the same audit entry. Each feature's
/// settings guard their own rules.
/// </summary>
public sealed class LoyaltySettingsAdmin(MallDb db, PointsSettingsService points, TierSettingsService tiers, EngagementSettingsService engagement,
    RebateSettingsService rebates, AuditLog audit, TimeProvider clock)
{
    public async Task<LoyaltySettingsView> GetAsync(CancellationToken ct) =>
        View(await points.GetAsync(ct), await tiers.GetAsync(ct), await engagement.GetAsync(ct), await rebates.GetAsync(ct));

    public async Task<LoyaltySettingsView> UpdateAsync(LoyaltySettingsInput input, Actor actor, CancellationToken ct)
    {
        if (!EnumText.TryParseSnake<ExpiryPolicy>(input.Expiry, out var expiry))
            throw new RequestValidationException("points.expiry_policy_invalid", "expiry", "Expiry is days_after_available, end_of_month, end_of_year or never.");
        var now = clock.GetUtcNow();
        var pointsRow = await points.EditAsync(ct);
        pointsRow.Update(input.EarnRate, input.ReturnWindowDays, expiry, input.ExpiryDays, input.RedeemPointsPerYuan, input.RedeemMinPoints, input.RedeemMaxPointsPerOrder,
            input.RedeemMaxSharePercent, input.RegistrationPoints, input.FirstOrderPoints, input.ReviewPoints, now);
        var tierRow = await tiers.EditAsync(ct);
        var policy = tierRow.Downgrade;
        if (input.TierDowngrade is not null && !EnumText.TryParseSnake(input.TierDowngrade, out policy))
            throw new RequestValidationException("tier.policy_invalid", "tierDowngrade", "The downgrade policy is never, periodic or one_step_with_grace.");
        tierRow.SetPolicy(policy, input.TierGraceDays ?? tierRow.GraceDays, now);
        var engagementRow = await engagement.EditAsync(ct);
        engagementRow.Set(input.CheckInPoints ?? engagementRow.CheckInPoints, input.StreakBonusDay ?? engagementRow.StreakBonusDay,
            input.StreakBonusPoints ?? engagementRow.StreakBonusPoints, input.ReferrerPoints ?? engagementRow.ReferrerPoints,
            input.RefereePoints ?? engagementRow.RefereePoints, now);
        audit.Record(actor, "points.settings_update", "loyalty_settings", "1", null, input);
        await db.SaveChangesAsync(ct);
        points.Forget();
        tiers.Forget();
        engagement.Forget();
        return View(pointsRow, tierRow, engagementRow, await rebates.GetAsync(ct));
    }

    /// <summary>The current settings as an input, so one screen can change a few of them and keep the rest.</summary>
    public static LoyaltySettingsInput InputFrom(LoyaltySettingsView s) => new(s.EarnRate, s.ReturnWindowDays, EnumText.Snake(s.Expiry), s.ExpiryDays,
        s.RedeemPointsPerYuan, s.RedeemMinPoints, s.RedeemMaxPointsPerOrder, s.RedeemMaxSharePercent, s.RegistrationPoints, s.FirstOrderPoints, s.ReviewPoints,
        EnumText.Snake(s.TierDowngrade), s.TierGraceDays, s.CheckInPoints, s.StreakBonusDay, s.StreakBonusPoints, s.ReferrerPoints, s.RefereePoints);

    private static LoyaltySettingsView View(PointsSettings p, TierSettings t, EngagementSettings e, RebateSettings r) => new(
        PointsSettings.SingletonId, p.EarnRate, p.ReturnWindowDays, p.Expiry, p.ExpiryDays, p.RedeemPointsPerYuan, p.RedeemMinPoints,
        p.RedeemMaxPointsPerOrder, p.RedeemMaxSharePercent, p.RegistrationPoints, p.FirstOrderPoints, p.ReviewPoints, p.ExpiryReminderDays,
        e.CheckInPoints, e.StreakBonusDay, e.StreakBonusPoints, e.ReferrerPoints, e.RefereePoints,
        r.Settlement, r.WithdrawMinFen, r.WithdrawFeePercent, r.WithdrawFeeMinFen,
        t.Downgrade, t.GraceDays, new[] { p.UpdatedAt, t.UpdatedAt, e.UpdatedAt, r.UpdatedAt }.Max());
}
