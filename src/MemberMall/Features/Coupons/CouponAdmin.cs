using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Coupons;

/// <summary>
/// A coupon template as operations set it up. Amounts are yuan. The rules (percent 1–99, a threshold above the amount,
/// an end after the start, positive quantities) are the entity's, so they answer the same wherever a coupon changes.
/// </summary>
public sealed record CouponInput(
    [property: StringLength(100)] string? Name,
    [property: StringLength(32)] string? Kind,
    decimal? Amount = null,
    decimal? Threshold = null,
    int? Percent = null,
    decimal? MaxDiscount = null,
    [property: MaxLength(500)] IReadOnlyList<Guid>? CategoryIds = null,
    [property: MaxLength(500)] IReadOnlyList<Guid>? ProductIds = null,
    [property: MaxLength(500)] IReadOnlyList<Guid>? ExcludeProductIds = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null,
    int? ValidDays = null,
    int? TotalQuantity = null,
    int? PerMemberLimit = null,
    DateTimeOffset? ClaimFrom = null,
    DateTimeOffset? ClaimTo = null,
    [property: StringLength(32)] string? ClaimCode = null,
    bool? StackWithPromotions = null,
    bool? StackWithCoupons = null,
    decimal? Budget = null);

public sealed record GrantInput([property: Required, MaxLength(CouponService.MaxGrant)] IReadOnlyList<Guid>? MemberIds);

/// <summary>Staff work on coupon templates; every change is audited in the same transaction.</summary>
public sealed class CouponAdmin(MallDb db, AuditLog audit, CouponQueries queries, TimeProvider clock)
{
    public async Task<CouponView> CreateAsync(CouponInput input, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var coupon = new Coupon(input.Name ?? "", Terms(input, null), now);
        coupon.SetLimits(input.TotalQuantity, input.PerMemberLimit ?? 0, Dates.Instant(input.ClaimFrom, "claimFrom"), Dates.Instant(input.ClaimTo, "claimTo"), now);
        coupon.SetStacking(input.StackWithPromotions ?? false, input.StackWithCoupons ?? false, now);
        coupon.SetBudget(input.Budget is { } b ? Money.FromYuan(b, "budget").Minor : null, now);
        coupon.SetClaimCode(input.ClaimCode, now);
        db.Coupons.Add(coupon);
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record(actor, "coupon.create", "coupon", coupon.Id.ToString(), null, Snapshot(coupon));
        await SaveAsync(work, ct);
        return await queries.AdminAsync(coupon.Id, ct);
    }

    /// <summary>
    /// A partial change. The terms (kind, amounts, scope, validity) change only in a draft; the name, limits, claim window,
    /// stacking, budget and code at any time. The quantity and the budget are set by conditional UPDATEs that keep them
    /// at or above what was already claimed and given, so claims and orders meanwhile are kept.
    /// </summary>
    public async Task<CouponView> UpdateAsync(Guid id, CouponInput patch, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var coupon = await db.Coupons.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("coupon.not_found", "Coupon not found.");
        var before = Snapshot(coupon);
        if (patch.Name is not null) coupon.Rename(patch.Name, now);
        if (TouchesTerms(patch)) coupon.SetTerms(Terms(patch, coupon), now);
        var total = patch.TotalQuantity ?? coupon.TotalQuantity;
        var budget = patch.Budget is { } b ? Money.FromYuan(b, "budget").Minor : coupon.BudgetFen;
        coupon.SetLimits(total, patch.PerMemberLimit ?? coupon.PerMemberLimit,
            Dates.Instant(patch.ClaimFrom, "claimFrom") ?? coupon.ClaimFrom, Dates.Instant(patch.ClaimTo, "claimTo") ?? coupon.ClaimTo, now);
        coupon.SetStacking(patch.StackWithPromotions ?? coupon.StackWithPromotions, patch.StackWithCoupons ?? coupon.StackWithCoupons, now);
        coupon.SetBudget(budget, now);
        if (patch.ClaimCode is not null) coupon.SetClaimCode(patch.ClaimCode, now);

        await using var work = await db.BeginWorkAsync(ct);
        if (patch.TotalQuantity is { } q && await db.Coupons.Where(c => c.Id == id && c.Claimed <= q)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalQuantity, q), ct) == 0)
            throw new DomainException("coupon.quantity_below_claimed", "The total quantity cannot go below the copies already issued.");
        if (patch.Budget is not null && budget is { } cap && await db.Coupons.Where(c => c.Id == id && c.DiscountGivenFen <= cap)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.BudgetFen, cap), ct) == 0)
            throw new DomainException("coupon.budget_below_given", "The budget cannot go below the discount already given.");
        // Written above by the conditional UPDATEs; the tracked copy must not write them back.
        db.Entry(coupon).Property(c => c.TotalQuantity).OriginalValue = coupon.TotalQuantity;
        db.Entry(coupon).Property(c => c.BudgetFen).OriginalValue = coupon.BudgetFen;
        audit.Record(actor, "coupon.update", "coupon", id.ToString(), before, Snapshot(coupon));
        await SaveAsync(work, ct);
        return await queries.AdminAsync(id, ct);
    }

    public Task<CouponView> PublishAsync(Guid id, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(id, "coupon.publish", (c, now) => c.Publish(now), actor, ct);

    public Task<CouponView> StopAsync(Guid id, Actor actor, CancellationToken ct) =>
        ChangeStatusAsync(id, "coupon.stop", (c, now) => c.Stop(now), actor, ct);

    private async Task<CouponView> ChangeStatusAsync(Guid id, string action, Action<Coupon, DateTimeOffset> change, Actor actor, CancellationToken ct)
    {
        var coupon = await db.Coupons.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("coupon.not_found", "Coupon not found.");
        var before = EnumText.Snake(coupon.Status);
        change(coupon, clock.GetUtcNow());
        await using var work = await db.BeginWorkAsync(ct);
        audit.Record(actor, action, "coupon", id.ToString(), new { status = before }, new { status = EnumText.Snake(coupon.Status) });
        await work.SaveAndCommitAsync(ct);
        return await queries.AdminAsync(id, ct);
    }

    private static async Task SaveAsync(WorkUnit work, CancellationToken ct)
    {
        try
        {
            await work.SaveAndCommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.UniqueViolation() is { } index && index.Contains("claim_code", StringComparison.Ordinal))
        {
            throw new ConflictException("coupon.claim_code_taken", "Another coupon has this claim code.");
        }
    }

    private static bool TouchesTerms(CouponInput p) => p.Kind is not null || p.Amount is not null || p.Threshold is not null || p.Percent is not null
        || p.MaxDiscount is not null || p.CategoryIds is not null || p.ProductIds is not null || p.ExcludeProductIds is not null
        || p.ValidFrom is not null || p.ValidTo is not null || p.ValidDays is not null;

    /// <summary>The terms the input names, the rest as <paramref name="current"/> has them (a PATCH), or empty (a new coupon).</summary>
    private static CouponTerms Terms(CouponInput i, Coupon? current)
    {
        CouponKind kind;
        if (i.Kind is null && current is not null) kind = current.Kind;
        else if (!EnumText.TryParseSnake(i.Kind, out kind))
            throw new RequestValidationException("coupon.kind_invalid", "kind", "kind is one of: amount, threshold, percent, free_shipping.");
        var c = current?.Terms;
        // validDays replaces a fixed window and the other way round.
        var days = i.ValidDays ?? (i.ValidFrom is null && i.ValidTo is null ? c?.ValidDays : null);
        var from = i.ValidDays is not null ? null : Dates.Instant(i.ValidFrom, "validFrom") ?? c?.ValidFrom;
        var to = i.ValidDays is not null ? null : Dates.Instant(i.ValidTo, "validTo") ?? c?.ValidTo;
        return new CouponTerms(kind,
            Fen(i.Amount, "amount") ?? c?.AmountFen ?? 0, Fen(i.Threshold, "threshold") ?? c?.ThresholdFen ?? 0, i.Percent ?? c?.Percent ?? 0,
            Fen(i.MaxDiscount, "maxDiscount") ?? c?.MaxDiscountFen,
            i.CategoryIds ?? c?.CategoryIds ?? [], i.ProductIds ?? c?.ProductIds ?? [], i.ExcludeProductIds ?? c?.ExcludeProductIds ?? [],
            from, to, days);
    }

    private static long? Fen(decimal? yuan, string field) => yuan is { } y ? Money.FromYuan(y, field).Minor : null;

    private static object Snapshot(Coupon c) => new
    {
        c.Name, kind = EnumText.Snake(c.Kind), c.AmountFen, c.ThresholdFen, c.Percent, c.MaxDiscountFen, c.CategoryIds, c.ProductIds, c.ExcludeProductIds,
        c.ValidFrom, c.ValidTo, c.ValidDays, c.TotalQuantity, c.PerMemberLimit, c.ClaimFrom, c.ClaimTo, c.StackWithPromotions, c.StackWithCoupons,
        c.BudgetFen, c.ClaimCode, status = EnumText.Snake(c.Status),
    };
}
