namespace MemberMall.Features.Coupons;

public enum MemberCouponStatus { Available, Reserved, Used, Expired }

/// <summary>
/// A member's copy of a coupon: available → reserved (by an unpaid order) → used (the order was paid), or back to
/// available (the unpaid order was cancelled or timed out) or expired (it was, and the validity had ended). An
/// available copy past <see cref="ValidTo"/> reads as expired. The status moves only by conditional UPDATEs from the
/// expected state, so one copy can be held by one order at a time.
/// </summary>
public class MemberCoupon
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CouponId { get; init; }
    public Guid MemberId { get; init; }
    public MemberCouponStatus Status { get; private set; } = MemberCouponStatus.Available;
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset ValidTo { get; init; }
    /// <summary><c>claim</c>, <c>code</c> or <c>grant</c>.</summary>
    public string Source { get; init; } = "";
    public DateTimeOffset ClaimedAt { get; init; }
    /// <summary>The order holding or having used the copy.</summary>
    public Guid? OrderId { get; private set; }
    /// <summary>What the copy took off that order (goods, or the freight it waived).</summary>
    public long DiscountFen { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public MemberCoupon(Coupon coupon, Guid memberId, string source, DateTimeOffset now)
    {
        var (from, to) = coupon.ValidityFrom(now);
        (CouponId, MemberId, Source, ClaimedAt, ValidFrom, ValidTo) = (coupon.Id, memberId, source, now, from, to);
    }

    private MemberCoupon() { }

    /// <summary>What a member sees: reserved and used as stored; an available copy past its end is expired.</summary>
    public static MemberCouponStatus Shown(MemberCouponStatus status, DateTimeOffset validTo, DateTimeOffset now) =>
        status == MemberCouponStatus.Available && validTo <= now ? MemberCouponStatus.Expired : status;
}

/// <summary>
/// Copies of a coupon one member has claimed. The per-member limit is one conditional UPDATE of this row
/// (<c>taken + 1 &lt;= limit</c>), which also queues a member's concurrent claims of one coupon.
/// </summary>
public class CouponQuota
{
    public Guid CouponId { get; init; }
    public Guid MemberId { get; init; }
    public int Taken { get; init; }
}
