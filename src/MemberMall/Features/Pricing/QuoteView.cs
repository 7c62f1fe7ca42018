using MemberMall.Common;

namespace MemberMall.Features.Pricing;

public sealed record QuoteLineView(Guid ProductId, string Name, string? ImageUrl, decimal UnitPrice, int Quantity, decimal LineTotal, decimal Discount, decimal Payable);

public sealed record AdjustmentView(string Kind, string Label, decimal Amount);

/// <summary>A quote as the API shows it: yuan, and every adjustment as a line.</summary>
/// <param name="CouponIds">The member's coupon copies applied.</param>
/// <param name="SuggestedCouponIds">The best choice of the member's coupons (the checkout preview; empty elsewhere).</param>
public sealed record QuoteView(IReadOnlyList<QuoteLineView> Lines, IReadOnlyList<AdjustmentView> Adjustments, decimal Subtotal, decimal Discount,
    decimal Freight, decimal Total, long PointsEarnable, IReadOnlyList<Guid> CouponIds, IReadOnlyList<Guid> SuggestedCouponIds)
{
    public static QuoteView From(Quote q) => new(
        q.Lines.Select(l => new QuoteLineView(l.ProductId, l.Name, l.ImageUrl, Money.ToYuan(l.UnitPriceFen), l.Quantity, Money.ToYuan(l.LineTotalFen),
            Money.ToYuan(l.DiscountFen), Money.ToYuan(l.PayableFen))).ToList(),
        q.Adjustments.Select(a => new AdjustmentView(a.Kind, a.Label, Money.ToYuan(a.AmountFen))).ToList(),
        Money.ToYuan(q.SubtotalFen), Money.ToYuan(q.DiscountFen), Money.ToYuan(q.FreightFen), Money.ToYuan(q.TotalFen), q.PointsEarnable,
        q.Coupons.Select(c => c.MemberCouponId).ToList(), q.SuggestedCouponIds);
}
