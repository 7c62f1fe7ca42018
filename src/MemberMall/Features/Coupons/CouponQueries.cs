using System.Globalization;
using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Coupons;

public sealed record CouponView(Guid Id, string Name, string Kind, decimal? Amount, decimal? Threshold, int? Percent, decimal? MaxDiscount,
    IReadOnlyList<Guid> CategoryIds, IReadOnlyList<Guid> ProductIds, IReadOnlyList<Guid> ExcludeProductIds, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo,
    int? ValidDays, int? TotalQuantity, int PerMemberLimit, DateTimeOffset? ClaimFrom, DateTimeOffset? ClaimTo, string? ClaimCode, bool StackWithPromotions,
    bool StackWithCoupons, decimal? Budget, decimal DiscountGiven, string Status, int Claimed, int Used, int? Left, string Rule, DateTimeOffset CreatedAt);

/// <summary>A coupon in the coupon center: what it gives and how many are left (null: no limit).</summary>
public sealed record ClaimableCouponView(Guid Id, string Name, string Kind, string Rule, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? ValidDays,
    int? Left, int PerMemberLimit, DateTimeOffset? ClaimTo);

public sealed record ClaimedView(Guid MemberCouponId, Guid CouponId, DateTimeOffset ValidFrom, DateTimeOffset ValidTo);

public sealed record MyCouponView(Guid Id, Guid CouponId, string Name, string Kind, string Status, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, string Rule,
    bool StackWithCoupons, Guid? OrderId, decimal? Discount, DateTimeOffset ClaimedAt, DateTimeOffset? UsedAt);

public sealed class CouponQueries(MallDb db, TimeProvider clock)
{
    public async Task<CouponView> AdminAsync(Guid id, CancellationToken ct) =>
        View(await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("coupon.not_found", "Coupon not found."));

    public async Task<PagedList<CouponView>> AdminListAsync(string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var rows = db.Coupons.AsNoTracking();
        if (status is not null)
        {
            if (!EnumText.TryParseSnake<CouponStatus>(status, out var s))
                throw new RequestValidationException("coupon.status_invalid", "status", "status is one of: draft, published, stopped.");
            rows = rows.Where(c => c.Status == s);
        }
        var items = await rows.OrderByDescending(c => c.CreatedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return PagedList<CouponView>.Of(items.Select(View).ToList(), p, size, await Paging.CountUpToCapAsync(rows, ct));
    }

    /// <summary>The coupon center: published coupons members may claim now, the soonest to close first.</summary>
    public async Task<IReadOnlyList<ClaimableCouponView>> ClaimableAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Coupons.AsNoTracking()
            .Where(c => c.Status == CouponStatus.Published && (c.ClaimFrom == null || c.ClaimFrom <= now) && (c.ClaimTo == null || c.ClaimTo > now)
                && (c.ValidTo == null || c.ValidTo > now))
            .OrderBy(c => c.CreatedAt).Take(200).ToListAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        return rows.Select(c => new ClaimableCouponView(c.Id, c.Name, EnumText.Snake(c.Kind), CouponText.Rule(c, culture), c.ValidFrom, c.ValidTo, c.ValidDays,
            c.TotalQuantity - c.Claimed, c.PerMemberLimit, c.ClaimTo)).ToList();
    }

    /// <summary>My coupons: <c>available</c> (usable, or not yet started), <c>used</c> (with reserved ones), <c>expired</c>; all when no status is given.</summary>
    public async Task<IReadOnlyList<MyCouponView>> MineAsync(Guid memberId, string? status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = from m in db.MemberCoupons.AsNoTracking()
                   join c in db.Coupons.AsNoTracking() on m.CouponId equals c.Id
                   where m.MemberId == memberId
                   select new { m, c };
        rows = status switch
        {
            null or "" => rows,
            "available" => rows.Where(x => x.m.Status == MemberCouponStatus.Available && x.m.ValidTo > now),
            "used" => rows.Where(x => x.m.Status == MemberCouponStatus.Used || x.m.Status == MemberCouponStatus.Reserved),
            "expired" => rows.Where(x => x.m.Status == MemberCouponStatus.Expired || (x.m.Status == MemberCouponStatus.Available && x.m.ValidTo <= now)),
            _ => throw new RequestValidationException("coupon.status_invalid", "status", "status is one of: available, used, expired."),
        };
        var list = await rows.OrderByDescending(x => x.m.ClaimedAt).Take(500).ToListAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        return list.Select(x => new MyCouponView(x.m.Id, x.c.Id, x.c.Name, EnumText.Snake(x.c.Kind), EnumText.Snake(MemberCoupon.Shown(x.m.Status, x.m.ValidTo, now)),
            x.m.ValidFrom, x.m.ValidTo, CouponText.Rule(x.c, culture), x.c.StackWithCoupons, x.m.OrderId, x.m.OrderId is null ? null : Money.ToYuan(x.m.DiscountFen),
            x.m.ClaimedAt, x.m.UsedAt)).ToList();
    }

    public static ClaimedView Claimed(MemberCoupon m) => new(m.Id, m.CouponId, m.ValidFrom, m.ValidTo);

    private static CouponView View(Coupon c) => new(c.Id, c.Name, EnumText.Snake(c.Kind),
        c.Kind is CouponKind.Amount or CouponKind.Threshold ? Money.ToYuan(c.AmountFen) : null, c.ThresholdFen > 0 ? Money.ToYuan(c.ThresholdFen) : null,
        c.Kind == CouponKind.Percent ? c.Percent : null, c.MaxDiscountFen is { } m ? Money.ToYuan(m) : null, c.CategoryIds, c.ProductIds, c.ExcludeProductIds,
        c.ValidFrom, c.ValidTo, c.ValidDays, c.TotalQuantity, c.PerMemberLimit, c.ClaimFrom, c.ClaimTo, c.ClaimCode, c.StackWithPromotions, c.StackWithCoupons,
        c.BudgetFen is { } b ? Money.ToYuan(b) : null, Money.ToYuan(c.DiscountGivenFen), EnumText.Snake(c.Status), c.Claimed, c.Used,
        c.TotalQuantity - c.Claimed, CouponText.Rule(c, CultureInfo.CurrentUICulture), c.CreatedAt);
}
