using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Features.Coupons;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Pricing;

public sealed record PriceRequestLine(Guid ProductId, int Quantity);

public sealed record QuoteLine(Guid ProductId, string Name, string? ImageUrl, Guid? CategoryId, long UnitPriceFen, int Quantity, long LineTotalFen, long DiscountFen, long PointsUsed = 0)
{
    public long PayableFen => LineTotalFen - DiscountFen;
}

/// <summary>One line of "why the total is what it is". Negative amounts lower the total.</summary>
public sealed record Adjustment(string Kind, string Label, long AmountFen);

/// <param name="Coupons">The member's coupon copies the quote uses, with what each took off.</param>
/// <param name="SuggestedCouponIds">The best coupon choice among the member's copies, when asked for (the checkout preview).</param>
public sealed record Quote(IReadOnlyList<QuoteLine> Lines, IReadOnlyList<Adjustment> Adjustments, long SubtotalFen, long DiscountFen, long FreightFen, long TotalFen,
    long PointsEarnable, long PointsUsed, IReadOnlyList<AppliedCoupon> Coupons, IReadOnlyList<Guid> SuggestedCouponIds);

/// <summary>What the calculator needs to know of a product.</summary>
public sealed record PricedProduct(Guid Id, string Name, List<string> Images, Guid? CategoryId, long PriceFen, ProductStatus Status);

/// <summary>
/// The one price calculation used by the cart, the checkout preview and the order. Everything is integer
/// fen: unit price × quantity is exact, and order-level discounts are spread over lines by
/// <see cref="Allocation.Proportional"/>, the single place where fen are divided.
/// The order of the adjustments: member price, coupons (<see cref="CouponPricing"/>), points, freight.
/// </summary>
public sealed class PriceCalculator(MallDb db, ShopSettingsService settings, PointsSettingsService loyalty, Tiers.TierService tiers, CouponService coupons,
    TimeProvider clock)
{
    public Task<Quote> QuoteAsync(Guid memberId, IReadOnlyList<PriceRequestLine> request, CouponChoice? couponChoice, long pointsToUse, CancellationToken ct) =>
        QuoteAsync(memberId, request, couponChoice, pointsToUse, null, ct);

    /// <summary>
    /// Prices the lines; <paramref name="known"/> may carry the products as the caller just read them in the same
    /// request (the cart does), which saves reading them again.
    /// </summary>
    public async Task<Quote> QuoteAsync(Guid memberId, IReadOnlyList<PriceRequestLine> request, CouponChoice? couponChoice, long pointsToUse,
        IReadOnlyDictionary<Guid, PricedProduct>? known, CancellationToken ct)
    {
        if (request.Count == 0) throw new DomainException("checkout.empty", "There is nothing to check out.");
        if (request.Any(l => l.Quantity is < 1 or > Product.MaxQuantityPerLine))
            throw new RequestValidationException("order.quantity_invalid", "quantity", $"Each quantity must be between 1 and {Product.MaxQuantityPerLine}.");
        if (pointsToUse < 0) throw new RequestValidationException("points.amount_invalid", "pointsToUse", "Points cannot be negative.");

        var merged = request.GroupBy(l => l.ProductId).Select(g => new PriceRequestLine(g.Key, g.Sum(l => l.Quantity))).ToList();
        var ids = merged.Select(l => l.ProductId).ToList();
        var products = known is not null && ids.All(known.ContainsKey)
            ? known
            : await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new PricedProduct(p.Id, p.Name, p.Images, p.CategoryId, p.PriceFen, p.Status)).ToDictionaryAsync(p => p.Id, ct);

        var lines = new List<QuoteLine>();
        foreach (var line in merged)
        {
            if (!products.TryGetValue(line.ProductId, out var p))
                throw new NotFoundException("product.not_found", $"Product {line.ProductId} does not exist.");
            if (p.Status != ProductStatus.Listed)
                throw new DomainException("product.unavailable", $"{p.Name} is not on sale.");
            if (line.Quantity > Product.MaxQuantityPerLine)
                throw new RequestValidationException("order.quantity_invalid", "quantity", $"Each quantity must be between 1 and {Product.MaxQuantityPerLine}.");
            lines.Add(new QuoteLine(p.Id, p.Name, p.Images.FirstOrDefault(), p.CategoryId, p.PriceFen, line.Quantity, p.PriceFen * line.Quantity, 0));
        }

        var shop = await settings.GetAsync(ct);
        var subtotal = lines.Sum(l => l.LineTotalFen);
        var adjustments = new List<Adjustment>();
        var tier = await tiers.CurrentAsync(memberId, ct);
        if (tier is not null)
        {
            var tierPrices = await tiers.TierPricesAsync(tier.Id, ct);
            lines = lines.Select(l => l with { DiscountFen = l.DiscountFen + MemberDiscount(l, tier.PricePercent, tierPrices) }).ToList();
            var memberDiscount = lines.Sum(l => l.DiscountFen);
            if (memberDiscount > 0) adjustments.Add(new Adjustment("member_price", $"{tier.Name}会员价 Member price", -memberDiscount));
        }
        var tierShipsFree = tier?.FreeShipping == true;
        var freight = subtotal >= shop.FreeShippingOverFen || tierShipsFree ? 0 : shop.FlatFreightFen;
        var now = clock.GetUtcNow();
        var held = couponChoice is { } choice && (choice.Ids is { Count: > 0 } || choice.Codes is { Count: > 0 })
            ? await coupons.ChosenAsync(memberId, choice.Ids, choice.Codes, now, ct) : [];
        IReadOnlyList<Guid> suggested = couponChoice?.Suggest == true ? CouponPricing.Suggest(lines, await coupons.UsableAsync(memberId, now, ct), freight) : [];
        var withCoupons = CouponPricing.Apply(lines, held, freight);
        lines = withCoupons.Lines;
        adjustments.AddRange(withCoupons.GoodsAdjustments);
        if (pointsToUse > 0)
        {
            var payable = lines.Select(l => l.PayableFen).ToList();
            var deduction = await PointsDeductionAsync(memberId, pointsToUse, payable.Sum(), ct);
            var fenShares = Allocation.Proportional(deduction, payable);
            var pointShares = Allocation.Proportional(pointsToUse, payable);
            lines = lines.Select((l, i) => l with { DiscountFen = l.DiscountFen + fenShares[i], PointsUsed = pointShares[i] }).ToList();
            adjustments.Add(new Adjustment("points", $"积分抵扣 Points ({pointsToUse})", -deduction));
        }
        adjustments.Add(new Adjustment("freight", "运费 Freight", shop.FlatFreightFen));
        if (freight == 0 && shop.FlatFreightFen > 0)
            adjustments.Add(subtotal >= shop.FreeShippingOverFen
                ? new Adjustment("free_shipping", $"满 {Money.ToYuan(shop.FreeShippingOverFen):0.##} 元包邮 Free shipping", -shop.FlatFreightFen)
                : new Adjustment("tier_free_shipping", $"{tier!.Name}包邮 Member free shipping", -shop.FlatFreightFen));
        if (withCoupons.FreightAdjustment is { } waived) adjustments.Add(waived);
        freight = withCoupons.FreightFen;

        var discount = lines.Sum(l => l.DiscountFen);
        var total = subtotal - discount + freight;
        // An estimate at the shop-wide rate; the award at payment applies product, category and campaign rules.
        var points = (long)Math.Floor((subtotal - discount) * (await loyalty.GetAsync(ct)).EarnRate / 100m);
        return new Quote(lines, adjustments, subtotal, discount, freight, total, points, pointsToUse, withCoupons.Applied, suggested);
    }

    /// <summary>
    /// The member price of a line: the tier's own price for the product if set, else the list price times the tier's
    /// percentage, rounded to the fen once per unit (half away from zero); never above the list price.
    /// </summary>
    private static long MemberDiscount(QuoteLine line, int pricePercent, IReadOnlyDictionary<Guid, long> tierPrices)
    {
        var unit = tierPrices.TryGetValue(line.ProductId, out var own)
            ? own
            : (long)Math.Round(line.UnitPriceFen * pricePercent / 100m, 0, MidpointRounding.AwayFromZero);
        return Math.Max(0, line.UnitPriceFen - unit) * line.Quantity;
    }

    /// <summary>What <paramref name="points"/> take off the goods, within the shop's minimum, maximum and share rules and the balance.</summary>
    private async Task<long> PointsDeductionAsync(Guid memberId, long points, long goodsFen, CancellationToken ct)
    {
        var rules = await loyalty.GetAsync(ct);
        if (points * 100 % rules.RedeemPointsPerYuan != 0)
            throw new RequestValidationException("points.amount_invalid", "pointsToUse", $"{rules.RedeemPointsPerYuan} points make one yuan: use a number of points worth whole fen.");
        if (points < rules.RedeemMinPoints)
            throw new DomainException("points.below_minimum", $"Use at least {rules.RedeemMinPoints} points.");
        if (points > rules.MaxPointsFor(goodsFen))
            throw new DomainException("points.above_maximum", $"At most {rules.MaxPointsFor(goodsFen)} points can be used on this order.");
        var balance = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == memberId).Select(a => a.Available).SingleOrDefaultAsync(ct);
        if (points > balance) throw new DomainException("points.insufficient", "The points balance does not cover this deduction.");
        return rules.FenForPoints(points);
    }
}

public static class Allocation
{
    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="weights"/> in proportion, in whole fen, with the
    /// remainder going to the largest fractional parts, so the parts always add up to the amount exactly.
    /// </summary>
    public static long[] Proportional(long amount, IReadOnlyList<long> weights)
    {
        var total = weights.Sum();
        var parts = new long[weights.Count];
        if (total == 0 || amount == 0) return parts;
        var remainders = new (decimal Fraction, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (decimal)amount * weights[i] / total;
            parts[i] = (long)Math.Floor(exact);
            remainders[i] = (exact - parts[i], i);
            given += parts[i];
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Index).Take((int)(amount - given)))
            parts[index]++;
        return parts;
    }
}
