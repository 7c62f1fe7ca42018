using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Coupons;

/// <summary>A copy the member holds, with its template, as checkout needs it.</summary>
public sealed record HeldCoupon(Guid MemberCouponId, DateTimeOffset ValidTo, Coupon Coupon);

/// <summary>
/// Issuing copies of coupons: members claim them, staff grant them. Each is one transaction whose rows are locked in
/// one fixed order — the coupon's counter, then the member's quota row — so a rush of claims queues on the coupon
/// instead of deadlocking, and a refusal rolls back everything before it.
/// </summary>
public sealed class CouponService(MallDb db, AuditLog audit, Outbox.Outbox outbox, TimeProvider clock, ILogger<CouponService> logger)
{
    public const int MaxGrant = 1000;

    public async Task<MemberCoupon> ClaimAsync(Guid memberId, Guid couponId, CancellationToken ct)
    {
        var coupon = await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == couponId, ct)
            ?? throw new NotFoundException("coupon.not_found", "Coupon not found.");
        return await ClaimAsync(memberId, coupon, "claim", ct);
    }

    public async Task<MemberCoupon> ClaimByCodeAsync(Guid memberId, string code, CancellationToken ct)
    {
        var normalized = Coupon.NormalizeCode(code);
        var coupon = await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.ClaimCode == normalized, ct)
            ?? throw new NotFoundException("coupon.not_found", "No coupon has this code.");
        return await ClaimAsync(memberId, coupon, "code", ct);
    }

    private async Task<MemberCoupon> ClaimAsync(Guid memberId, Coupon coupon, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!coupon.IsClaimable(now)) throw new DomainException("coupon.not_claimable", "This coupon cannot be claimed now.");
        var copy = new MemberCoupon(coupon, memberId, source, now);

        await using var work = await db.BeginWorkAsync(ct);
        await TakeAsync(coupon.Id, 1, ct);
        if (coupon.PerMemberLimit > 0)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO coupon_quotas (coupon_id, member_id, taken) VALUES ({coupon.Id}, {memberId}, 0) ON CONFLICT (coupon_id, member_id) DO NOTHING", ct);
            var limit = coupon.PerMemberLimit;
            var counted = await db.CouponQuotas.Where(q => q.CouponId == coupon.Id && q.MemberId == memberId && q.Taken + 1 <= limit)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.Taken, q => q.Taken + 1), ct);
            if (counted == 0) throw new DomainException("coupon.limit_reached", $"Each member may claim this coupon {limit} time(s).");
        }
        db.MemberCoupons.Add(copy);
        outbox.Add("coupon.received", coupon.Id, new { couponId = coupon.Id, memberCouponId = copy.Id, memberId, name = coupon.Name, source });
        await work.SaveAndCommitAsync(ct);
        logger.LogInformation("Coupon {CouponId} claimed by member {MemberId}", coupon.Id, memberId);
        return copy;
    }

    /// <summary>
    /// Staff give a copy to each of the members named, in one transaction (all or none); the grant counts against the
    /// total quantity but not the per-member limit, and is audited.
    /// </summary>
    public async Task<IReadOnlyList<MemberCoupon>> GrantAsync(Guid couponId, IReadOnlyList<Guid> memberIds, Actor actor, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToList();
        if (ids.Count is 0 or > MaxGrant)
            throw new RequestValidationException("coupon.grant_invalid", "memberIds", $"Name 1 to {MaxGrant} members.");
        var coupon = await db.Coupons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == couponId, ct)
            ?? throw new NotFoundException("coupon.not_found", "Coupon not found.");
        var now = clock.GetUtcNow();
        if (coupon.Status != CouponStatus.Published || coupon.ValidTo <= now)
            throw new DomainException("coupon.not_claimable", "Only a published coupon still valid can be granted.");
        var copies = ids.Select(m => new MemberCoupon(coupon, m, "grant", now)).ToList();

        await using var work = await db.BeginWorkAsync(ct);
        await TakeAsync(couponId, ids.Count, ct);
        db.MemberCoupons.AddRange(copies);
        audit.Record(actor, "coupon.grant", "coupon", couponId.ToString(), null, new { members = ids.Count, memberIds = ids.Take(20) });
        outbox.Add("coupon.granted", couponId, new { couponId, members = ids.Count });
        foreach (var copy in copies)
            outbox.Add("coupon.received", couponId, new { couponId, memberCouponId = copy.Id, copy.MemberId, name = coupon.Name, source = "grant" });
        try
        {
            await work.SaveAndCommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.ForeignKeyViolation())
        {
            throw new NotFoundException("member.not_found", "One of the members does not exist.");
        }
        logger.LogInformation("Coupon {CouponId} granted to {Count} members by {ActorId}", couponId, ids.Count, actor.Id);
        return copies;
    }

    /// <summary>Takes <paramref name="n"/> copies off a published coupon's quantity, or refuses with <c>coupon.sold_out</c>.</summary>
    private async Task TakeAsync(Guid couponId, int n, CancellationToken ct)
    {
        var taken = await db.Coupons.Where(c => c.Id == couponId && c.Status == CouponStatus.Published && (c.TotalQuantity == null || c.Claimed + n <= c.TotalQuantity))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Claimed, c => c.Claimed + n), ct);
        if (taken == 0)
        {
            var published = await db.Coupons.AnyAsync(c => c.Id == couponId && c.Status == CouponStatus.Published, ct);
            throw published
                ? new DomainException("coupon.sold_out", "No copies of this coupon are left.")
                : new DomainException("coupon.not_claimable", "This coupon cannot be claimed now.");
        }
    }

    /// <summary>
    /// The copies a checkout names, by id (<paramref name="ids"/>) or by their template's claim code: each must be the
    /// member's own, available and within its validity now, else <c>coupon.not_available</c>.
    /// </summary>
    public async Task<IReadOnlyList<HeldCoupon>> ChosenAsync(Guid memberId, IReadOnlyList<Guid>? ids, IReadOnlyList<string>? codes, DateTimeOffset now,
        CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        var chosen = wanted.Count == 0 ? [] : await Held(Usable(memberId, now).Where(x => wanted.Contains(x.Copy.Id))).ToListAsync(ct);
        if (chosen.Count != wanted.Count) throw NotAvailable();
        foreach (var code in (codes ?? []).Select(Coupon.NormalizeCode).Distinct())
        {
            var held = await Held(Usable(memberId, now).Where(x => x.Coupon.ClaimCode == code && !wanted.Contains(x.Copy.Id)).OrderBy(x => x.Copy.ValidTo))
                .FirstOrDefaultAsync(ct) ?? throw NotAvailable();
            wanted.Add(held.MemberCouponId);
            chosen.Add(held);
        }
        if (chosen.Count > 1 && chosen.Any(c => !c.Coupon.StackWithCoupons))
            throw new DomainException("coupon.not_stackable", "One of these coupons cannot be combined with another coupon.");
        return chosen;
    }

    /// <summary>Every copy the member could use now: what the checkout suggests from.</summary>
    public async Task<IReadOnlyList<HeldCoupon>> UsableAsync(Guid memberId, DateTimeOffset now, CancellationToken ct) =>
        await Held(Usable(memberId, now).OrderBy(x => x.Copy.ValidTo).Take(200)).ToListAsync(ct);

    private sealed class CopyRow
    {
        public required MemberCoupon Copy { get; init; }
        public required Coupon Coupon { get; init; }
    }

    private IQueryable<CopyRow> Usable(Guid memberId, DateTimeOffset now) =>
        from m in db.MemberCoupons.AsNoTracking()
        join c in db.Coupons.AsNoTracking() on m.CouponId equals c.Id
        where m.MemberId == memberId && m.Status == MemberCouponStatus.Available && m.ValidFrom <= now && m.ValidTo > now
        select new CopyRow { Copy = m, Coupon = c };

    private static IQueryable<HeldCoupon> Held(IQueryable<CopyRow> rows) => rows.Select(x => new HeldCoupon(x.Copy.Id, x.Copy.ValidTo, x.Coupon));

    public static DomainException NotAvailable() => new("coupon.not_available", "This coupon is not yours to use now (used, expired or someone else's).");
}
