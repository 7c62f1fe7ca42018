using CsCheck;
using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Points;

namespace MemberMall.Tests.Points;

/// <summary>The points formulas on their own: earning, what refunds take back and give back, redemption limits, expiry dates.</summary>
[Trait("Category", "Unit")]
public class PointsRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData(12_345, 1, 1, 123)]     // 123.45 points: rounded down
    [InlineData(99, 1, 1, 0)]           // less than a yuan earns nothing
    [InlineData(100_00, 0, 1, 0)]       // rate 0 excludes the goods
    [InlineData(100_00, 2.5, 1, 250)]
    [InlineData(100_00, 1, 1.5, 150)]
    public void Points_are_the_earning_base_in_yuan_times_rate_and_multiplier_rounded_down(long baseFen, double rate, double multiplier, long expected)
    {
        Assert.Equal(expected, PointsEarning.Points(baseFen, (decimal)rate, (decimal)multiplier));
    }

    [Fact]
    public void Points_are_rounded_once_after_the_multiplier_not_before()
    {
        // 9.99 yuan × 2 = 19.98 points, × 1.5 = 29.97: 29. Rounding before the multiplier would give 19 × 1.5 = 28.
        Assert.Equal(29, PointsEarning.Points(999, 2m, 1.5m));
    }

    [Fact]
    public void A_product_rule_wins_over_a_category_rule_which_wins_over_the_shop_rate()
    {
        var (product, category, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var categoryRule = new PointsRule("category", category, 3m, "家电");
        var productRule = new PointsRule("product", product, 0m, "excluded");
        var otherRule = new PointsRule("product", other, 9m, "other product");

        Assert.Equal(0m, PointsEarning.RateFor(product, category, [categoryRule, productRule, otherRule], 1m));
        Assert.Equal(3m, PointsEarning.RateFor(Guid.NewGuid(), category, [categoryRule, otherRule], 1m));
        Assert.Equal(1m, PointsEarning.RateFor(Guid.NewGuid(), null, [categoryRule, otherRule], 1m));
    }

    [Fact]
    public void Campaigns_do_not_stack_the_best_one_counts_times_the_tier_multiplier()
    {
        Assert.Equal(3m * 1.2m, PointsEarning.Multiplier([2m, 3m, 1.5m], 1.2m));
        Assert.Equal(1.2m, PointsEarning.Multiplier([], 1.2m));
        Assert.Equal(1m, PointsEarning.Multiplier([], 1m));
    }

    private static PointsAward Award(long points) => new() { OrderItemId = Guid.NewGuid(), OrderId = Guid.NewGuid(), LotId = Guid.NewGuid(), Points = points };

    [Fact]
    public void A_partial_refund_claws_back_its_share_of_the_award_rounded_down()
    {
        Assert.Equal(33, Award(100).ClawbackFor(refundedBefore: 0, refundedNow: 1, quantity: 3));
        Assert.Equal(66, Award(100).ClawbackFor(refundedBefore: 0, refundedNow: 2, quantity: 3));
    }

    [Fact]
    public void The_last_units_refunded_claw_back_whatever_the_award_still_holds()
    {
        var award = Award(100);
        award.RecordClawback(award.ClawbackFor(0, 1, 3));
        award.RecordClawback(award.ClawbackFor(1, 1, 3));

        Assert.Equal(34, award.ClawbackFor(refundedBefore: 2, refundedNow: 1, quantity: 3));
    }

    private static OrderItem Line(int quantity, long payableFen, long pointsUsed = 0) =>
        new() { ProductName = "茶具", Quantity = quantity, UnitPriceFen = payableFen / quantity + 1, LineTotalFen = payableFen, DiscountFen = 0, PointsUsed = pointsUsed };

    [Fact]
    public void A_refund_returns_the_refunded_units_share_of_the_points_spent_the_last_units_the_rest()
    {
        var line = Line(3, 300_00, pointsUsed: 100);
        var returned = new List<long>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            line.RecordRefund(1, line.RefundAmountFor(1));
            returned.Add(OrderPoints.RedeemShare(line, 1));
        }

        Assert.Equal([33, 33, 34], returned);
    }

    [Fact]
    public void Refunds_in_any_split_return_exactly_the_points_a_line_spent()
    {
        Gen.Select(Gen.Int[1, 50], Gen.Long[0, 1_000_000], Gen.Int[1, 50].Array[1, 50]).Sample((quantity, pointsUsed, splits) =>
        {
            var line = Line(quantity, 1_000_00, pointsUsed);
            long returned = 0;
            foreach (var split in splits)
            {
                var units = Math.Min(split, quantity - line.RefundedQuantity);
                if (units == 0) break;
                line.RecordRefund(units, line.RefundAmountFor(units));
                var share = OrderPoints.RedeemShare(line, units);
                Assert.InRange(share, 0, pointsUsed);
                returned += share;
            }
            Assert.Equal(line.RefundedQuantity == quantity ? pointsUsed : pointsUsed * line.RefundedQuantity / quantity, returned);
        }, iter: 1_000);
    }

    private static PointsSettings Rules(ExpiryPolicy expiry = ExpiryPolicy.DaysAfterAvailable, int expiryDays = 365, int pointsPerYuan = 100,
        long minPoints = 100, long maxPerOrder = 100_000, int maxSharePercent = 50)
    {
        var rules = new PointsSettings();
        rules.Update(1m, 7, expiry, expiryDays, pointsPerYuan, minPoints, maxPerOrder, maxSharePercent, 100, 200, 10, Now);
        return rules;
    }

    [Fact]
    public void Points_pay_for_whole_fen_at_the_shops_rate()
    {
        Assert.Equal(5_00, Rules(pointsPerYuan: 100).FenForPoints(500));
        Assert.Equal(2_50, Rules(pointsPerYuan: 200).FenForPoints(500));
    }

    [Fact]
    public void At_most_the_share_limit_of_the_goods_and_the_per_order_cap_can_be_paid_with_points()
    {
        // Half of 300 yuan is 150 yuan, at 100 points a yuan 15 000 points.
        Assert.Equal(15_000, Rules(maxSharePercent: 50).MaxPointsFor(300_00));
        Assert.Equal(8_000, Rules(maxSharePercent: 50, maxPerOrder: 8_000).MaxPointsFor(300_00));
        Assert.Equal(0, Rules(maxSharePercent: 0).MaxPointsFor(300_00));
    }

    [Fact]
    public void Redemption_rules_that_do_not_fit_together_are_refused()
    {
        var error = Assert.Throws<DomainException>(() => Rules(minPoints: 500, maxPerOrder: 100));

        Assert.Equal("points.redeem_rule_invalid", error.Code);
    }

    [Fact]
    public void Points_expire_a_fixed_number_of_days_after_they_become_available()
    {
        Assert.Equal(Now.AddDays(30), Rules(ExpiryPolicy.DaysAfterAvailable, 30).ExpiresAt(Now, Shanghai));
    }

    [Fact]
    public void Month_end_expiry_is_midnight_at_the_end_of_the_month_in_the_shops_time_zone()
    {
        // Available 15 March 10:00 Shanghai; plus 365 days is 15 March 2027; that month ends at 1 April 00:00 Shanghai.
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 16, 0, 0, TimeSpan.Zero), Rules(ExpiryPolicy.EndOfMonth, 365).ExpiresAt(Now, Shanghai));
    }

    [Fact]
    public void Year_end_expiry_counts_the_year_in_the_shops_time_zone_not_in_utc()
    {
        // 31 December 17:00 UTC is already 1 January 2027 in Shanghai, so with 0 days added the points last until the end of 2027.
        var availableAt = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 12, 31, 16, 0, 0, TimeSpan.Zero), Rules(ExpiryPolicy.EndOfYear, 0).ExpiresAt(availableAt, Shanghai));
    }

    [Fact]
    public void Points_under_the_never_policy_do_not_expire()
    {
        Assert.Null(Rules(ExpiryPolicy.Never).ExpiresAt(Now, Shanghai));
    }
}
