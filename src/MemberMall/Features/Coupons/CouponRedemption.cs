using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Coupons;

/// <summary>A copy an order takes, and what it took off.</summary>
public sealed record AppliedCoupon(Guid MemberCouponId, Guid CouponId, long DiscountFen);

/// <summary>
/// What orders do with the copies they use: reserve them when placed, mark them used when paid, give them back when an
/// unpaid order is cancelled or times out. Orders call this inside their own unit of work; it never calls Orders.
/// Every step is a conditional UPDATE from the expected state, so one copy is held by one order at a time, and a
/// template's discount given never passes its budget.
/// </summary>
public sealed class CouponRedemption(MallDb db)
{
    /// <summary>
    /// Reserves the copies for the order (available → reserved), then adds their discount to each template's
    /// total given within its budget. Locks: the copies, then the templates, each by id.
    /// </summary>
    public async Task ReserveAsync(Guid orderId, Guid memberId, IReadOnlyList<AppliedCoupon> applied, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var a in applied.OrderBy(a => a.MemberCouponId))
        {
            var d = a.DiscountFen;
            var held = await db.MemberCoupons.Where(m => m.Id == a.MemberCouponId && m.MemberId == memberId && m.Status == MemberCouponStatus.Available
                    && m.ValidFrom <= now && m.ValidTo > now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberCouponStatus.Reserved).SetProperty(m => m.OrderId, orderId)
                    .SetProperty(m => m.DiscountFen, d), ct);
            if (held == 0) throw CouponService.NotAvailable();
        }
        foreach (var g in applied.GroupBy(a => a.CouponId).OrderBy(g => g.Key))
        {
            var d = g.Sum(a => a.DiscountFen);
            if (d == 0) continue;
            var given = await db.Coupons.Where(c => c.Id == g.Key && (c.BudgetFen == null || c.DiscountGivenFen + d <= c.BudgetFen))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DiscountGivenFen, c => c.DiscountGivenFen + d), ct);
            if (given == 0) throw BudgetExhausted();
        }
    }

    /// <summary>The order was paid: its reserved copies are used, and each template counts them.</summary>
    public async Task MarkUsedAsync(Guid orderId, DateTimeOffset now, CancellationToken ct)
    {
        var held = await Held(orderId).Select(m => m.CouponId).ToListAsync(ct);
        if (held.Count == 0) return;
        await Held(orderId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberCouponStatus.Used).SetProperty(m => m.UsedAt, now), ct);
        foreach (var g in held.GroupBy(c => c).OrderBy(g => g.Key))
        {
            var n = g.Count();
            await db.Coupons.Where(c => c.Id == g.Key).ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used + n), ct);
        }
    }

    /// <summary>
    /// The unpaid order was cancelled: its copies go back to the member while still valid (else they are expired), and
    /// their discount goes back to each template's budget.
    /// </summary>
    public async Task ReturnAsync(Guid orderId, DateTimeOffset now, CancellationToken ct)
    {
        var held = await Held(orderId).Select(m => new { m.Id, m.CouponId, m.DiscountFen }).ToListAsync(ct);
        if (held.Count == 0) return;
        await Held(orderId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, m => m.ValidTo > now ? MemberCouponStatus.Available : MemberCouponStatus.Expired)
            .SetProperty(m => m.OrderId, (Guid?)null).SetProperty(m => m.DiscountFen, 0L), ct);
        foreach (var g in held.GroupBy(m => m.CouponId).OrderBy(g => g.Key))
        {
            var d = g.Sum(m => m.DiscountFen);
            if (d == 0) continue;
            await db.Coupons.Where(c => c.Id == g.Key).ExecuteUpdateAsync(s => s.SetProperty(c => c.DiscountGivenFen, c => c.DiscountGivenFen - d), ct);
        }
    }

    private IQueryable<MemberCoupon> Held(Guid orderId) =>
        db.MemberCoupons.Where(m => m.OrderId == orderId && m.Status == MemberCouponStatus.Reserved);

    public static Common.DomainException BudgetExhausted() => new("coupon.budget_exhausted", "This coupon's budget is used up.");
}
