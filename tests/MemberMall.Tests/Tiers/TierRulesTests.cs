using MemberMall.Common;
using MemberMall.Features.Tiers;

namespace MemberMall.Tests.Tiers;

/// <summary>Tier qualification, windows and the downgrade policies, decided without a database.</summary>
[Trait("Category", "Unit")]
public class TierRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static Tier Tier(string code, int rank, long threshold = 0, TierWindow window = TierWindow.RollingDays, int windowDays = 365)
    {
        var tier = new Tier(code, code.ToUpperInvariant(), rank);
        tier.Qualify(TierMetric.Spend, threshold, window, windowDays);
        return tier;
    }

    private static readonly Tier Regular = Tier("regular", 0);
    private static readonly Tier Silver = Tier("silver", 1, 1_000_00);
    private static readonly Tier Gold = Tier("gold", 2, 5_000_00);
    private static readonly Tier Diamond = Tier("diamond", 3, 20_000_00);
    private static readonly Tier[] Ladder = [Regular, Silver, Gold, Diamond];

    [Theory]
    [InlineData(999_99, false)]
    [InlineData(1_000_00, true)]
    [InlineData(1_000_01, true)]
    public void A_tier_is_reached_at_its_threshold_not_a_fen_before(long spend, bool reached)
    {
        Assert.Equal(reached, Silver.IsReachedBy(spend));
    }

    [Fact]
    public void The_entry_level_is_reached_with_nothing_and_its_threshold_is_always_zero()
    {
        var entry = new Tier("regular", "普通会员", 0);
        entry.Qualify(TierMetric.Spend, 500_00, TierWindow.RollingDays, 365);

        Assert.Equal(0, entry.Threshold);
        Assert.True(entry.IsReachedBy(0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Every_tier_above_the_entry_level_needs_a_threshold_above_zero(long threshold)
    {
        var error = Assert.Throws<DomainException>(() => Tier("silver", 1, threshold));

        Assert.Equal("tier.threshold_invalid", error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void A_rolling_window_is_one_to_3650_days(int days)
    {
        var error = Assert.Throws<DomainException>(() => Tier("silver", 1, 100, TierWindow.RollingDays, days));

        Assert.Equal("tier.window_invalid", error.Code);
    }

    [Fact]
    public void A_rolling_window_starts_its_number_of_days_before_now()
    {
        Assert.Equal(Now.AddDays(-90), Tier("silver", 1, 100, TierWindow.RollingDays, 90).WindowStart(Now, Shanghai));
    }

    [Fact]
    public void A_calendar_year_window_starts_on_new_years_day_in_the_shops_time_zone()
    {
        var tier = Tier("silver", 1, 100, TierWindow.CalendarYear);

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), tier.WindowStart(Now, Shanghai));
        // 31 December 17:00 UTC is 1 January 01:00 in Shanghai: the new year's window has begun.
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), tier.WindowStart(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), Shanghai));
    }

    [Theory]
    [InlineData(49)]
    [InlineData(101)]
    public void A_tier_price_is_50_to_100_percent_of_the_list_price(int percent)
    {
        Assert.Equal("tier.discount_invalid", Assert.Throws<DomainException>(() => Silver.Benefits(percent, 1m, 0m, false, 0, false)).Code);
    }

    [Fact]
    public void A_member_who_qualifies_for_a_higher_tier_moves_up_whatever_the_policy()
    {
        foreach (var policy in Enum.GetValues<DowngradePolicy>())
        {
            var step = TierRules.Reevaluate(Silver, Diamond, Ladder, policy, 30, graceUntil: null, Now);

            Assert.Equal(TierStepKind.Move, step.Kind);
            Assert.Same(Diamond, step.To);
        }
    }

    [Fact]
    public void Qualifying_again_for_the_current_tier_ends_a_grace_period()
    {
        var step = TierRules.Reevaluate(Gold, Gold, Ladder, DowngradePolicy.OneStepWithGrace, 30, graceUntil: Now.AddDays(5), Now);

        Assert.Equal(TierStepKind.EndGrace, step.Kind);
    }

    [Fact]
    public void Under_the_never_policy_a_member_keeps_the_tier()
    {
        var step = TierRules.Reevaluate(Gold, Regular, Ladder, DowngradePolicy.Never, 30, graceUntil: null, Now);

        Assert.Equal(TierStepKind.Stay, step.Kind);
    }

    [Fact]
    public void Under_the_periodic_policy_a_member_drops_straight_to_the_tier_they_qualify_for()
    {
        var step = TierRules.Reevaluate(Diamond, Silver, Ladder, DowngradePolicy.Periodic, 30, graceUntil: null, Now);

        Assert.Equal(TierStepKind.Move, step.Kind);
        Assert.Same(Silver, step.To);
    }

    [Fact]
    public void Under_the_one_step_policy_a_first_miss_starts_a_grace_period()
    {
        var step = TierRules.Reevaluate(Diamond, Regular, Ladder, DowngradePolicy.OneStepWithGrace, 30, graceUntil: null, Now);

        Assert.Equal(TierStepKind.StartGrace, step.Kind);
        Assert.Equal(Now.AddDays(30), step.GraceUntil);
    }

    [Fact]
    public void During_the_grace_period_the_member_keeps_the_tier()
    {
        var step = TierRules.Reevaluate(Diamond, Regular, Ladder, DowngradePolicy.OneStepWithGrace, 30, graceUntil: Now.AddSeconds(1), Now);

        Assert.Equal(TierStepKind.Stay, step.Kind);
    }

    [Fact]
    public void When_the_grace_period_ends_the_member_goes_down_one_step_only()
    {
        var step = TierRules.Reevaluate(Diamond, Regular, Ladder, DowngradePolicy.OneStepWithGrace, 30, graceUntil: Now, Now);

        Assert.Equal(TierStepKind.Move, step.Kind);
        Assert.Same(Gold, step.To);
    }

    [Fact]
    public void One_step_down_skips_missing_ranks_to_the_next_lower_tier()
    {
        Tier[] gappy = [Regular, Gold, Diamond];

        var step = TierRules.Reevaluate(Gold, Regular, gappy, DowngradePolicy.OneStepWithGrace, 30, graceUntil: Now.AddDays(-1), Now);

        Assert.Same(Regular, step.To);
    }

    [Fact]
    public void A_grace_period_once_started_keeps_its_end_and_a_move_clears_it()
    {
        var row = new MemberTier(Guid.NewGuid(), Gold.Id, Now);
        row.StartGrace(Now.AddDays(30));
        row.StartGrace(Now.AddDays(60));
        Assert.Equal(Now.AddDays(30), row.GraceUntil);

        row.MoveTo(Silver.Id, Now.AddDays(31));
        Assert.Equal((Silver.Id, (DateTimeOffset?)null), (row.TierId, row.GraceUntil));
    }
}
