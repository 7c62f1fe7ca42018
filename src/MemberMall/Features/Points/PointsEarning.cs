namespace MemberMall.Features.Points;

/// <summary>
/// How many points an order line earns. The earning base is what the member paid for the goods (no freight, no
/// points deduction, no discounts); the rate is the line's own; the multiplier is the best running campaign's
/// times the member's tier's. The product is rounded down to whole points once, at the end.
/// </summary>
public static class PointsEarning
{
    /// <summary>The points per yuan for a line: a product rule wins over a category rule, which wins over the shop's rate.</summary>
    public static decimal RateFor(Guid productId, Guid? categoryId, IReadOnlyList<PointsRule> rules, decimal shopRate) =>
        rules.FirstOrDefault(r => r.Scope == "product" && r.TargetId == productId)?.Rate
        ?? rules.FirstOrDefault(r => r.Scope == "category" && r.TargetId == categoryId)?.Rate
        ?? shopRate;

    /// <summary>Campaigns do not stack: the highest running one counts (none counts as 1), times the tier's multiplier.</summary>
    public static decimal Multiplier(IReadOnlyCollection<decimal> campaigns, decimal tierMultiplier) =>
        (campaigns.Count == 0 ? 1m : campaigns.Max()) * tierMultiplier;

    public static long Points(long earningBaseFen, decimal rate, decimal multiplier) =>
        (long)Math.Floor(earningBaseFen * rate * multiplier / 100m);
}
