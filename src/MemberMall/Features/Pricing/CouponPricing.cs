using MemberMall.Common;
using MemberMall.Features.Coupons;

namespace MemberMall.Features.Pricing;

/// <summary>The coupons a checkout names, as the calculator takes them; <see cref="Suggest"/> asks for the best choice too.</summary>
public sealed record CouponChoice(IReadOnlyList<Guid>? Ids, IReadOnlyList<string>? Codes, bool Suggest = false);

/// <summary>What coupons did to a quote: the lines with their share of the discount, the adjustment lines, and the freight left.</summary>
public sealed record CouponOutcome(List<QuoteLine> Lines, List<Adjustment> GoodsAdjustments, Adjustment? FreightAdjustment, long FreightFen,
    List<AppliedCoupon> Applied)
{
    public long Value => Applied.Sum(a => a.DiscountFen);
}

/// <summary>
/// Applies coupons to priced lines. Each coupon takes its discount off the lines it covers (after member prices and
/// earlier coupons), spread over them by <see cref="Allocation.Proportional"/> so every line knows what it paid to the
/// fen; a free-shipping coupon waives the freight instead. Coupons apply in a fixed order: fixed amounts and thresholds
/// first, then percentages (on what is left), then free shipping.
/// </summary>
public static class CouponPricing
{
    public static CouponOutcome Apply(IReadOnlyList<QuoteLine> lines, IReadOnlyList<HeldCoupon> held, long freightFen)
    {
        var current = lines.ToList();
        var goods = new List<Adjustment>();
        var applied = new List<AppliedCoupon>();
        Adjustment? freightLine = null;
        foreach (var h in held.OrderBy(h => Order(h.Coupon.Kind)).ThenBy(h => h.MemberCouponId))
        {
            var c = h.Coupon;
            var scope = Enumerable.Range(0, current.Count).Where(i => c.Covers(current[i].ProductId, current[i].CategoryId) && current[i].PayableFen > 0).ToList();
            if (scope.Count == 0) throw new DomainException("coupon.not_applicable", $"Nothing in this order is covered by the coupon {c.Name}.");
            var scoped = scope.Sum(i => current[i].PayableFen);
            if (!c.ThresholdMet(scoped))
                throw new DomainException("coupon.threshold_not_met", $"The coupon {c.Name} needs ¥{Money.ToYuan(c.ThresholdFen):0.##} of goods it covers.");
            long d;
            if (c.Kind == CouponKind.FreeShipping)
            {
                if (freightFen == 0 || freightLine is not null)
                    throw new DomainException("coupon.not_applicable", $"This order ships free already; the coupon {c.Name} would waive nothing.");
                d = freightFen;
                freightLine = new Adjustment("coupon", $"{c.Name} 免运费 Free shipping", -d);
                freightFen = 0;
            }
            else
            {
                d = c.DiscountFor(scoped);
                var shares = Allocation.Proportional(d, scope.Select(i => current[i].PayableFen).ToList());
                for (var k = 0; k < scope.Count; k++)
                    current[scope[k]] = current[scope[k]] with { DiscountFen = current[scope[k]].DiscountFen + shares[k] };
                goods.Add(new Adjustment("coupon", $"{c.Name} 优惠券 Coupon", -d));
            }
            if (c.BudgetFen is { } budget && c.DiscountGivenFen + d > budget) throw CouponRedemption.BudgetExhausted();
            applied.Add(new AppliedCoupon(h.MemberCouponId, c.Id, d));
        }
        return new CouponOutcome(current, goods, freightLine, freightFen, applied);
    }

    /// <summary>
    /// The member's best choice among <paramref name="usable"/>: the single coupon that takes off most, or every coupon
    /// that stacks (the best copy of each template) when together they take off more. Empty when none applies.
    /// </summary>
    public static IReadOnlyList<Guid> Suggest(IReadOnlyList<QuoteLine> lines, IReadOnlyList<HeldCoupon> usable, long freightFen)
    {
        var best = (Value: 0L, Ids: (IReadOnlyList<Guid>)[]);
        var perTemplate = new Dictionary<Guid, (long Value, HeldCoupon Held)>();
        foreach (var h in usable)
        {
            if (TryValue(lines, [h], freightFen) is not { } value) continue;
            if (value > best.Value) best = (value, [h.MemberCouponId]);
            if (h.Coupon.StackWithCoupons && (!perTemplate.TryGetValue(h.Coupon.Id, out var seen) || value > seen.Value))
                perTemplate[h.Coupon.Id] = (value, h);
        }
        if (perTemplate.Count > 1)
        {
            var stack = perTemplate.Values.Select(v => v.Held).ToList();
            if (TryValue(lines, stack, freightFen) is { } together && together > best.Value)
                best = (together, stack.Select(h => h.MemberCouponId).ToList());
        }
        return best.Ids;
    }

    private static long? TryValue(IReadOnlyList<QuoteLine> lines, IReadOnlyList<HeldCoupon> held, long freightFen)
    {
        try
        {
            return Apply(lines, held, freightFen).Value;
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static int Order(CouponKind kind) => kind switch
    {
        CouponKind.Amount or CouponKind.Threshold => 0,
        CouponKind.Percent => 1,
        _ => 2,
    };
}
