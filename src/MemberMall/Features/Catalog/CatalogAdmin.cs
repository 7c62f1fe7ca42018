using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Catalog;

public sealed record ProductInput(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    Guid? CategoryId,
    [property: Range(0.01, 100_000_000)] decimal Price,
    [property: Range(0, 1_000_000)] int Stock = 0,
    [property: StringLength(4000)] string? Description = null,
    [property: MaxLength(10), EachLength(500)] IReadOnlyList<string>? Images = null,
    [property: MaxLength(20), EachLength(30)] IReadOnlyList<string>? Tags = null,
    [property: Range(0, 1_000_000)] int LowStockThreshold = 10,
    [property: Range(1, 10_000_000)] int? HighStockThreshold = null,
    bool List = true);

public sealed record ProductPatch(
    [property: StringLength(100, MinimumLength = 1)] string? Name, Guid? CategoryId, [property: Range(0.01, 100_000_000)] decimal? Price,
    [property: StringLength(4000)] string? Description, [property: MaxLength(10), EachLength(500)] IReadOnlyList<string>? Images, [property: MaxLength(20), EachLength(30)] IReadOnlyList<string>? Tags,
    [property: Range(0, 1_000_000)] int? LowStockThreshold, [property: Range(1, 10_000_000)] int? HighStockThreshold, string? Status);

public sealed record StockAdjustment([property: Required] int Quantity, [property: Required, StringLength(200, MinimumLength = 1)] string Reason);

public sealed record CategoryInput([property: Required, StringLength(50, MinimumLength = 1)] string Name, Guid? ParentId, int SortOrder = 0);

public sealed record StockRow(Guid Id, string Name, int Stock, int Reserved, int LowStockThreshold, int? HighStockThreshold, string Status);

public sealed record MovementView(Guid Id, string Kind, int StockChange, int ReservedChange, int StockAfter, string? Reference, string? Reason, DateTimeOffset CreatedAt);

/// <summary>Staff work on the catalog; every change is audited.</summary>
public sealed class CatalogAdmin(MallDb db, StockService stock, AuditLog audit, TimeProvider clock, CatalogQueries queries,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache)
{
    public async Task<ProductDetail> CreateAsync(ProductInput input, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var categoryName = await CategoryNameAsync(input.CategoryId, ct);
        var product = new Product(input.Name, Money.FromYuan(input.Price, "price").Minor, now);
        product.Describe(input.Name, input.Description, input.CategoryId, input.Images ?? [], input.Tags ?? [], categoryName, now);
        product.SetThresholds(input.LowStockThreshold, input.HighStockThreshold);
        if (input.List) product.List(now);
        db.Products.Add(product);
        audit.Record(actor, "product.create", "product", product.Id.ToString(), null, Snapshot(product));
        await using var tx = await db.BeginWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        await stock.ReceiveNewAsync(product, input.Stock, actor, ct);
        await tx.SaveAndCommitAsync(ct);
        await ForgetCachedPagesAsync(ct);
        return await queries.DetailAsync(product.Id, includeUnlisted: true, ct);
    }

    public async Task<ProductDetail> UpdateAsync(Guid id, ProductPatch patch, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound();
        var before = Snapshot(product);
        var categoryId = patch.CategoryId ?? product.CategoryId;
        product.Describe(patch.Name ?? product.Name, patch.Description ?? product.Description, categoryId, patch.Images ?? product.Images,
            patch.Tags ?? product.Tags, await CategoryNameAsync(categoryId, ct), now);
        if (patch.Price is { } price) product.SetPrice(Money.FromYuan(price, "price").Minor, now);
        if (patch.LowStockThreshold is not null || patch.HighStockThreshold is not null)
            product.SetThresholds(patch.LowStockThreshold ?? product.LowStockThreshold, patch.HighStockThreshold ?? product.HighStockThreshold);
        switch (patch.Status)
        {
            case null: break;
            case "listed": product.List(now); break;
            case "delisted": product.Delist(now); break;
            default: throw new RequestValidationException("product.status_invalid", "status", "Status must be listed or delisted.");
        }
        audit.Record(actor, "product.update", "product", id.ToString(), before, Snapshot(product));
        await db.SaveChangesAsync(ct);
        await ForgetCachedPagesAsync(ct);
        return await queries.DetailAsync(id, includeUnlisted: true, ct);
    }

    public async Task<int> AdjustStockAsync(Guid id, StockAdjustment adjustment, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var after = await stock.AdjustAsync(id, adjustment.Quantity, adjustment.Reason, actor, ct);
        audit.Record(actor, "stock.adjust", "product", id.ToString(), null, new { adjustment.Quantity, adjustment.Reason, stockAfter = after });
        await tx.SaveAndCommitAsync(ct);
        return after;
    }

    public async Task<IReadOnlyList<StockRow>> StockListAsync(bool lowOnly, CancellationToken ct)
    {
        var q = db.Products.AsNoTracking();
        if (lowOnly) q = q.Where(p => p.Stock < p.LowStockThreshold && p.Status != ProductStatus.Delisted);
        var rows = await q.OrderBy(p => p.Stock).ThenBy(p => p.Name).Take(500)
            .Select(p => new { p.Id, p.Name, p.Stock, p.Reserved, p.LowStockThreshold, p.HighStockThreshold, p.Status }).ToListAsync(ct);
        return rows.Select(p => new StockRow(p.Id, p.Name, p.Stock, p.Reserved, p.LowStockThreshold, p.HighStockThreshold, EnumText.Snake(p.Status))).ToList();
    }

    public async Task<IReadOnlyList<MovementView>> MovementsAsync(Guid id, CancellationToken ct)
    {
        var rows = await db.StockMovements.AsNoTracking().Where(m => m.ProductId == id).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(200)
            .ToListAsync(ct);
        return rows.Select(m => new MovementView(m.Id, EnumText.Snake(m.Kind), m.StockChange, m.ReservedChange, m.StockAfter, m.Reference, m.Reason, m.CreatedAt)).ToList();
    }

    public async Task<CategoryNode> SaveCategoryAsync(Guid? id, CategoryInput input, Actor actor, CancellationToken ct)
    {
        if (input.ParentId is { } parent && !await db.Categories.AnyAsync(c => c.Id == parent, ct))
            throw new NotFoundException("category.not_found", "The parent category does not exist.");
        Category category;
        if (id is null)
        {
            category = new Category(input.Name, input.ParentId, input.SortOrder);
            db.Categories.Add(category);
        }
        else
        {
            category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("category.not_found", "Category not found.");
            var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
            category.Rename(input.Name);
            category.Move(input.ParentId, input.SortOrder, parents);
        }
        audit.Record(actor, id is null ? "category.create" : "category.update", "category", category.Id.ToString(), null, new { category.Name, category.ParentId });
        await db.SaveChangesAsync(ct);
        await ForgetCachedPagesAsync(ct);
        return new CategoryNode(category.Id, category.Name, category.SortOrder, []);
    }

    /// <summary>Staff changes show in the storefront at once, not after the cached pages expire.</summary>
    private Task ForgetCachedPagesAsync(CancellationToken ct) => cache.EvictByTagAsync(Infrastructure.ServiceRegistration.CatalogCache, ct).AsTask();

    private async Task<string?> CategoryNameAsync(Guid? categoryId, CancellationToken ct)
    {
        if (categoryId is null) return null;
        return await db.Categories.Where(c => c.Id == categoryId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("category.not_found", "Category not found.");
    }

    private static object Snapshot(Product p) => new { p.Name, price = Money.ToYuan(p.PriceFen), status = EnumText.Snake(p.Status), p.CategoryId, p.LowStockThreshold, p.HighStockThreshold };

    private static NotFoundException NotFound() => new("product.not_found", "Product not found.");
}
