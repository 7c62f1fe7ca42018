using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.PointsMall;

public sealed record MallItemInput(
    Guid? ProductId,
    [property: StringLength(100)] string? Name,
    [property: Range(1d, MallItem.MaxPoints)] long Points,
    [property: Range(0, 1_000_000)] int Stock = 0,
    [property: Range(0, 9999)] int PerMemberLimit = 0,
    [property: StringLength(2000)] string? Description = null,
    [property: StringLength(500)] string? ImageUrl = null,
    bool Physical = true,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    bool Listed = true);

/// <summary>A partial change; <c>stockChange</c> adds or removes units (never below zero), <c>clearWindow</c> removes both window ends.</summary>
public sealed record MallItemPatch(
    [property: StringLength(100, MinimumLength = 1)] string? Name = null,
    [property: StringLength(2000)] string? Description = null,
    [property: StringLength(500)] string? ImageUrl = null,
    [property: Range(1d, MallItem.MaxPoints)] long? Points = null,
    [property: Range(-1_000_000, 1_000_000)] int? StockChange = null,
    [property: Range(0, 9999)] int? PerMemberLimit = null,
    bool? Physical = null,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    bool? ClearWindow = null,
    bool? Listed = null);

/// <summary>Staff work on the mall's items; every change is audited in the same transaction.</summary>
public sealed class PointsMallAdmin(MallDb db, PointsMallService mall, AuditLog audit, PointsMallQueries queries, TimeProvider clock)
{
    public async Task<MallItemView> CreateAsync(MallItemInput input, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        string? name = input.Name, image = input.ImageUrl, description = input.Description;
        if (input.ProductId is { } productId)
        {
            var product = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => new { p.Name, p.Images, p.Description }).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("product.not_found", "Product not found.");
            name ??= product.Name;
            image ??= product.Images.FirstOrDefault();
            description ??= product.Description;
        }
        var item = new MallItem(input.ProductId, name ?? "", input.Points, input.Physical, now);
        item.Describe(item.Name, description, image, now);
        item.Limit(input.PerMemberLimit, now);
        item.Schedule(Dates.Instant(input.StartsAt, "startsAt"), Dates.Instant(input.EndsAt, "endsAt"), now);
        item.SetListed(input.Listed, now);
        db.MallItems.Add(item);

        await using var tx = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        await mall.ReceiveOpeningAsync(item.Id, input.Stock, actor, ct);
        audit.Record(actor, "points_mall.item.create", "points_mall_item", item.Id.ToString(), null, Snapshot(item, input.Stock));
        await tx.SaveAndCommitAsync(ct);
        return await queries.ItemAsync(item.Id, includeUnlisted: true, ct);
    }

    public async Task<MallItemView> UpdateAsync(Guid id, MallItemPatch patch, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var item = await db.MallItems.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("points_mall.item_not_found", "Mall item not found.");
        var before = Snapshot(item, item.Stock);
        item.Describe(patch.Name ?? item.Name, patch.Description ?? item.Description, patch.ImageUrl ?? item.ImageUrl, now);
        if (patch.Points is { } points) item.Price(points, now);
        if (patch.PerMemberLimit is { } limit) item.Limit(limit, now);
        if (patch.Physical is { } physical) item.Ship(physical, now);
        if (patch.ClearWindow == true) item.Schedule(null, null, now);
        else if (patch.StartsAt is not null || patch.EndsAt is not null) item.Schedule(Dates.Instant(patch.StartsAt, "startsAt") ?? item.StartsAt, Dates.Instant(patch.EndsAt, "endsAt") ?? item.EndsAt, now);
        if (patch.Listed is { } listed) item.SetListed(listed, now);

        await using var tx = await db.BeginWorkAsync(ct);
        // The stock moves by a conditional UPDATE; the tracked copy's Stock is never written back, so exchanges meanwhile are kept.
        if (patch.StockChange is { } change) await mall.AdjustStockAsync(id, change, actor, ct);
        var stockAfter = await db.MallItems.AsNoTracking().Where(i => i.Id == id).Select(i => i.Stock).SingleAsync(ct);
        audit.Record(actor, "points_mall.item.update", "points_mall_item", id.ToString(), before, Snapshot(item, stockAfter));
        await tx.SaveAndCommitAsync(ct);
        return await queries.ItemAsync(id, includeUnlisted: true, ct);
    }

    private static object Snapshot(MallItem i, int stock) => new
    {
        i.Name, i.ProductId, i.Points, stock, i.PerMemberLimit, i.Physical, i.Listed, i.StartsAt, i.EndsAt, i.ImageUrl,
    };
}
