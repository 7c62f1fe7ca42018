using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Tiers;

/// <summary>Staff changes to the tier ladder, shared by the API and the admin console so both write the same audit rows.</summary>
public sealed class TierAdmin(MallDb db, TierService tiers, AuditLog audit)
{
    public async Task<IReadOnlyList<TierView>> ListAsync(CancellationToken ct) => (await tiers.TiersAsync(ct)).Select(TierEndpoints.View).ToList();

    public async Task<TierView> CreateAsync(TierInput input, Actor actor, CancellationToken ct)
    {
        var tier = new Tier(input.Code, input.Name, input.Rank);
        Apply(tier, input);
        if (await db.Tiers.AnyAsync(t => t.Code == tier.Code || t.Rank == tier.Rank, ct))
            throw new ConflictException("tier.exists", "A tier with this code or rank exists.");
        db.Tiers.Add(tier);
        var view = TierEndpoints.View(tier);
        audit.Record(actor, "tier.create", "tier", tier.Id.ToString(), null, view);
        await db.SaveChangesAsync(ct);
        tiers.Forget();
        return view;
    }

    public async Task<TierView> UpdateAsync(Guid id, TierInput input, Actor actor, CancellationToken ct)
    {
        var tier = await db.Tiers.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("tier.not_found", "Tier not found.");
        var before = TierEndpoints.View(tier);
        tier.Define(input.Code, input.Name, input.Rank);
        Apply(tier, input);
        var after = TierEndpoints.View(tier);
        audit.Record(actor, "tier.update", "tier", id.ToString(), before, after);
        await db.SaveChangesAsync(ct);
        tiers.Forget();
        return after;
    }

    /// <summary>Replaces a product's member prices, all or nothing: every tier named must exist.</summary>
    public async Task SetPricesAsync(Guid productId, IReadOnlyList<TierPriceInput> prices, Actor actor, CancellationToken ct)
    {
        if (prices.Count > 50 || prices.Any(p => p is null))
            throw new RequestValidationException("tier.prices_invalid", "prices", "A product has at most 50 member prices, each with a tier and a price.");
        var wanted = prices.DistinctBy(p => p.TierId).Select(p => (p.TierId, Money.FromYuan(p.Price, "price").Minor)).ToList();
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) throw new NotFoundException("product.not_found", "Product not found.");
        var tierIds = wanted.Select(w => w.TierId).ToList();
        var known = await db.Tiers.Where(t => tierIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        if (tierIds.Except(known).ToList() is [var unknown, ..])
            throw new NotFoundException("tier.not_found", $"Tier {unknown} not found.");
        await using var work = await db.BeginWorkAsync(ct);
        db.ProductTierPrices.RemoveRange(await db.ProductTierPrices.Where(p => p.ProductId == productId).ToListAsync(ct));
        foreach (var (tierId, fen) in wanted) db.ProductTierPrices.Add(new ProductTierPrice { ProductId = productId, TierId = tierId, PriceFen = fen });
        audit.Record(actor, "product.tier_prices", "product", productId.ToString(), null, prices);
        await work.SaveAndCommitAsync(ct);
        await tiers.ForgetPricesAsync(ct);
    }

    private static void Apply(Tier tier, TierInput input)
    {
        if (!EnumText.TryParseSnake<TierMetric>(input.Metric, out var metric))
            throw new RequestValidationException("tier.metric_invalid", "metric", "Metric is spend, orders or points.");
        if (!EnumText.TryParseSnake<TierWindow>(input.Window, out var window))
            throw new RequestValidationException("tier.window_invalid", "window", "Window is rolling_days or calendar_year.");
        var threshold = metric == TierMetric.Spend ? Money.FromYuan(input.Threshold, "threshold").Minor : (long)input.Threshold;
        tier.Qualify(metric, threshold, window, input.WindowDays);
        tier.Benefits(input.PricePercent, input.PointsMultiplier, input.RebatePercent, input.FreeShipping, input.BirthdayPoints, input.PriorityService);
    }
}
