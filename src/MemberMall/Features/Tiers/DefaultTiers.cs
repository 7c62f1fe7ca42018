namespace MemberMall.Features.Tiers;

/// <summary>The demo shop's ladder: 普通会员, 银卡, 金卡, 钻石 by spend over a rolling year.</summary>
public static class DefaultTiers
{
    public static IEnumerable<Tier> Create()
    {
        var normal = new Tier("normal", "普通会员", 0);
        normal.Qualify(TierMetric.Spend, 0, TierWindow.RollingDays, 365);
        yield return normal;
        yield return Build("silver", "银卡会员", 1, 1_000_00, 98, 1.2m, 1m, freeShipping: false, birthdayPoints: 200, priority: false);
        yield return Build("gold", "金卡会员", 2, 5_000_00, 95, 1.5m, 2m, freeShipping: true, birthdayPoints: 500, priority: false);
        yield return Build("diamond", "钻石会员", 3, 20_000_00, 90, 2m, 3m, freeShipping: true, birthdayPoints: 2000, priority: true);
    }

    private static Tier Build(string code, string name, int rank, long spendFen, int pricePercent, decimal multiplier, decimal rebate, bool freeShipping, long birthdayPoints, bool priority)
    {
        var tier = new Tier(code, name, rank);
        tier.Qualify(TierMetric.Spend, spendFen, TierWindow.RollingDays, 365);
        tier.Benefits(pricePercent, multiplier, rebate, freeShipping, birthdayPoints, priority);
        return tier;
    }
}
