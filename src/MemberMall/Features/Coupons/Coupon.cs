using MemberMall.Common;

namespace MemberMall.Features.Coupons;

public enum CouponKind { Amount, Threshold, Percent, FreeShipping }

public enum CouponStatus { Draft, Published, Stopped }

/// <summary>What a coupon takes off and where it applies; fixed once the coupon is published.</summary>
public sealed record CouponTerms(CouponKind Kind, long AmountFen, long ThresholdFen, int Percent, long? MaxDiscountFen,
    IReadOnlyList<Guid> CategoryIds, IReadOnlyList<Guid> ProductIds, IReadOnlyList<Guid> ExcludeProductIds,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? ValidDays);

/// <summary>
/// A coupon template set up by operations: draft → published → stopped. Members hold copies of it
/// (<see cref="MemberCoupon"/>). <see cref="Claimed"/>, <see cref="Used"/> and <see cref="DiscountGivenFen"/>
/// change only through conditional UPDATEs (<see cref="CouponService"/>, <see cref="CouponRedemption"/>), never
/// through this object, so the quantity and the budget hold under concurrent claims and orders.
/// </summary>
public class Coupon
{
    public const int MaxValidDays = 3650;
    public const int MaxPerMemberLimit = 1000;
    public const int MaxQuantity = 100_000_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public CouponKind Kind { get; private set; }
    public long AmountFen { get; private set; }
    public long ThresholdFen { get; private set; }
    /// <summary>The share taken off, in percent: 20 means 20 % off (八折).</summary>
    public int Percent { get; private set; }
    public long? MaxDiscountFen { get; private set; }
    public List<Guid> CategoryIds { get; private set; } = [];
    public List<Guid> ProductIds { get; private set; } = [];
    public List<Guid> ExcludeProductIds { get; private set; } = [];
    public DateTimeOffset? ValidFrom { get; private set; }
    public DateTimeOffset? ValidTo { get; private set; }
    /// <summary>Days a claimed copy stays valid, counted from the claim; instead of a fixed window.</summary>
    public int? ValidDays { get; private set; }
    /// <summary>How many copies may be issued in all; null means no limit.</summary>
    public int? TotalQuantity { get; private set; }
    /// <summary>How many copies one member may claim; 0 means no limit.</summary>
    public int PerMemberLimit { get; private set; }
    public DateTimeOffset? ClaimFrom { get; private set; }
    public DateTimeOffset? ClaimTo { get; private set; }
    public bool StackWithPromotions { get; private set; }
    /// <summary>An order uses one coupon unless every coupon chosen allows others beside it.</summary>
    public bool StackWithCoupons { get; private set; }
    /// <summary>The most discount all copies together may give; null means no cap.</summary>
    public long? BudgetFen { get; private set; }
    public string? ClaimCode { get; private set; }
    public CouponStatus Status { get; private set; } = CouponStatus.Draft;
    public int Claimed { get; private set; }
    public int Used { get; private set; }
    public long DiscountGivenFen { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public Coupon(string name, CouponTerms terms, DateTimeOffset now)
    {
        CreatedAt = now;
        Rename(name, now);
        SetTerms(terms, now);
    }

    private Coupon() { }

    public void Rename(string name, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            throw new RequestValidationException("coupon.name_required", "name", "A coupon needs a name of 1 to 100 characters.");
        (Name, UpdatedAt) = (name.Trim(), now);
    }

    /// <summary>Sets what the coupon takes off, where and when; only while it is a draft.</summary>
    public void SetTerms(CouponTerms t, DateTimeOffset now)
    {
        if (Status != CouponStatus.Draft)
            throw new DomainException("coupon.terms_locked", "A published coupon's kind, amounts, scope and validity can no longer change.");
        switch (t.Kind)
        {
            case CouponKind.Amount:
                RequireAmount(t.AmountFen);
                break;
            case CouponKind.Threshold:
                RequireAmount(t.AmountFen);
                if (t.ThresholdFen <= t.AmountFen)
                    throw new RequestValidationException("coupon.threshold_invalid", "threshold", "The threshold must be above the amount taken off.");
                break;
            case CouponKind.Percent:
                if (t.Percent is < 1 or > 99)
                    throw new RequestValidationException("coupon.percent_invalid", "percent", "The share taken off is 1 to 99 percent.");
                if (t.MaxDiscountFen is <= 0)
                    throw new RequestValidationException("coupon.max_discount_invalid", "maxDiscount", "The cap must be above zero.");
                break;
        }
        if (t.ValidDays is { } days)
        {
            if (t.ValidFrom is not null || t.ValidTo is not null)
                throw new RequestValidationException("coupon.validity_invalid", "validDays", "Give either validFrom and validTo, or validDays.");
            if (days is < 1 or > MaxValidDays)
                throw new RequestValidationException("coupon.validity_invalid", "validDays", $"validDays is 1 to {MaxValidDays}.");
        }
        else if (t.ValidFrom is not { } from || t.ValidTo is not { } to)
            throw new RequestValidationException("coupon.validity_invalid", "validTo", "Give either validFrom and validTo, or validDays.");
        else if (to <= from)
            throw new RequestValidationException("coupon.window_invalid", "validTo", "The end must come after the start.");
        if (t.ProductIds.Intersect(t.ExcludeProductIds).Any())
            throw new RequestValidationException("coupon.scope_invalid", "excludeProductIds", "A product cannot be both in scope and excluded.");

        (Kind, AmountFen, ThresholdFen, Percent, MaxDiscountFen) = t.Kind switch
        {
            CouponKind.Amount => (t.Kind, t.AmountFen, 0L, 0, (long?)null),
            CouponKind.Threshold => (t.Kind, t.AmountFen, t.ThresholdFen, 0, null),
            CouponKind.Percent => (t.Kind, 0L, t.ThresholdFen > 0 ? t.ThresholdFen : 0, t.Percent, t.MaxDiscountFen),
            _ => (t.Kind, 0L, t.ThresholdFen > 0 ? t.ThresholdFen : 0, 0, null),
        };
        CategoryIds = t.CategoryIds.Distinct().ToList();
        ProductIds = t.ProductIds.Distinct().ToList();
        ExcludeProductIds = t.ExcludeProductIds.Distinct().ToList();
        (ValidFrom, ValidTo, ValidDays, UpdatedAt) = (t.ValidFrom?.ToUniversalTime(), t.ValidTo?.ToUniversalTime(), t.ValidDays, now);
    }

    public CouponTerms Terms => new(Kind, AmountFen, ThresholdFen, Percent, MaxDiscountFen, CategoryIds, ProductIds, ExcludeProductIds, ValidFrom, ValidTo, ValidDays);

    public void SetLimits(int? totalQuantity, int perMemberLimit, DateTimeOffset? claimFrom, DateTimeOffset? claimTo, DateTimeOffset now)
    {
        if (totalQuantity is < 1 or > MaxQuantity)
            throw new RequestValidationException("coupon.quantity_invalid", "totalQuantity", $"The total quantity is 1 to {MaxQuantity}, or none for no limit.");
        if (perMemberLimit is < 0 or > MaxPerMemberLimit)
            throw new RequestValidationException("coupon.limit_invalid", "perMemberLimit", $"The per-member limit is 0 (none) to {MaxPerMemberLimit}.");
        if (claimFrom is { } f && claimTo is { } t && t <= f)
            throw new RequestValidationException("coupon.window_invalid", "claimTo", "The end must come after the start.");
        (TotalQuantity, PerMemberLimit, ClaimFrom, ClaimTo, UpdatedAt) = (totalQuantity, perMemberLimit, claimFrom?.ToUniversalTime(), claimTo?.ToUniversalTime(), now);
    }

    public void SetStacking(bool withPromotions, bool withCoupons, DateTimeOffset now) =>
        (StackWithPromotions, StackWithCoupons, UpdatedAt) = (withPromotions, withCoupons, now);

    public void SetBudget(long? budgetFen, DateTimeOffset now)
    {
        if (budgetFen is <= 0) throw new RequestValidationException("coupon.budget_invalid", "budget", "The budget must be above zero, or none for no cap.");
        (BudgetFen, UpdatedAt) = (budgetFen, now);
    }

    /// <summary>The public code members type to claim; letters and digits, kept upper-case.</summary>
    public void SetClaimCode(string? code, DateTimeOffset now)
    {
        var c = string.IsNullOrWhiteSpace(code) ? null : NormalizeCode(code);
        if (c is not null && (c.Length is < 4 or > 32 || !c.All(char.IsAsciiLetterOrDigit)))
            throw new RequestValidationException("coupon.claim_code_invalid", "claimCode", "A claim code is 4 to 32 letters and digits.");
        (ClaimCode, UpdatedAt) = (c, now);
    }

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public void Publish(DateTimeOffset now)
    {
        if (Status != CouponStatus.Draft) throw new DomainException("coupon.invalid_transition", "Only a draft coupon can be published.");
        if (ValidTo is { } to && to <= now) throw new DomainException("coupon.expired", "The coupon's validity has already ended.");
        (Status, UpdatedAt) = (CouponStatus.Published, now);
    }

    /// <summary>No more claims or grants; copies already held stay usable until they expire.</summary>
    public void Stop(DateTimeOffset now)
    {
        if (Status != CouponStatus.Published) throw new DomainException("coupon.invalid_transition", "Only a published coupon can be stopped.");
        (Status, UpdatedAt) = (CouponStatus.Stopped, now);
    }

    public bool IsClaimable(DateTimeOffset now) => Status == CouponStatus.Published && (ClaimFrom is null || ClaimFrom <= now)
        && (ClaimTo is null || ClaimTo > now) && (ValidTo is null || ValidTo > now);

    /// <summary>The validity of a copy issued at <paramref name="now"/>: the fixed window, or <see cref="ValidDays"/> from now.</summary>
    public (DateTimeOffset From, DateTimeOffset To) ValidityFrom(DateTimeOffset now) =>
        ValidDays is { } days ? (now, now.AddDays(days)) : (ValidFrom!.Value, ValidTo!.Value);

    /// <summary>Whether a line of this product counts towards the coupon: in scope (whole order, or its product or category) and not excluded.</summary>
    public bool Covers(Guid productId, Guid? categoryId) =>
        !ExcludeProductIds.Contains(productId)
        && ((CategoryIds.Count == 0 && ProductIds.Count == 0) || ProductIds.Contains(productId) || (categoryId is { } c && CategoryIds.Contains(c)));

    /// <summary>Whether the lines in scope reach the threshold (always, for a coupon without one).</summary>
    public bool ThresholdMet(long scopedFen) => scopedFen >= ThresholdFen && scopedFen > 0;

    /// <summary>
    /// What the coupon takes off goods worth <paramref name="scopedFen"/> (the lines it covers, after member prices):
    /// never more than those goods. A percentage is rounded to the fen once, half away from zero, then capped.
    /// Free shipping takes nothing off the goods; the calculator waives the freight.
    /// </summary>
    public long DiscountFor(long scopedFen)
    {
        if (scopedFen <= 0 || !ThresholdMet(scopedFen)) return 0;
        var off = Kind switch
        {
            CouponKind.Amount or CouponKind.Threshold => AmountFen,
            CouponKind.Percent => Math.Min((long)Math.Round(scopedFen * Percent / 100m, 0, MidpointRounding.AwayFromZero), MaxDiscountFen ?? long.MaxValue),
            _ => 0,
        };
        return Math.Min(off, scopedFen);
    }

    private static void RequireAmount(long amountFen)
    {
        if (amountFen <= 0) throw new RequestValidationException("coupon.amount_invalid", "amount", "The amount taken off must be above zero.");
    }
}
