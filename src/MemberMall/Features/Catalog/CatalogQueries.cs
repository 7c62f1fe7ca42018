using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Catalog;

public sealed record ProductQuery(string? Q = null, Guid? CategoryId = null, decimal? MinPrice = null, decimal? MaxPrice = null,
    string? Sort = null, int? Page = null, int? PageSize = null);

public sealed record ProductListItem(Guid Id, string Name, decimal Price, string? ImageUrl, Guid? CategoryId, bool InStock, int Sold, double? Rating, int ReviewCount);

public sealed record ProductDetail(Guid Id, string Name, string? Description, decimal Price, decimal? MemberPrice, int Stock, string Status,
    IReadOnlyList<string> Images, IReadOnlyList<string> Tags, Guid? CategoryId, IReadOnlyList<string> CategoryPath, int Sold, double? Rating, int ReviewCount);

public sealed record CategoryNode(Guid Id, string Name, int SortOrder, IReadOnlyList<CategoryNode> Children);

/// <summary>The storefront's read side of the catalog: listed products only.</summary>
public sealed class CatalogQueries(MallDb db, Tiers.TierService tiers)
{
    public static readonly string[] Sorts = ["newest", "price", "-price", "sales", "rating"];

    public async Task<PagedList<ProductListItem>> SearchAsync(ProductQuery query, bool includeUnlisted, CancellationToken ct)
    {
        var sort = query.Sort ?? "newest";
        if (!Sorts.Contains(sort)) throw new RequestValidationException("products.sort_invalid", "sort", "Sort by one of: " + string.Join(", ", Sorts));
        if (query.MinPrice < 0 || query.MaxPrice < 0 || query.MinPrice > query.MaxPrice)
            throw new RequestValidationException("products.price_range_invalid", "minPrice", "The price range is not valid.");
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);

        var q = db.Products.AsNoTracking();
        if (!includeUnlisted) q = q.Where(p => p.Status == ProductStatus.Listed);
        // Each word must appear somewhere in the name, tags or category: "蓝牙 耳机" and "蓝牙耳机" both find 无线蓝牙耳机.
        foreach (var term in (query.Q ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
            q = q.Where(p => p.SearchText.Contains(term));
        if (query.CategoryId is { } categoryId)
        {
            var ids = await SubtreeAsync(categoryId, ct);
            q = q.Where(p => p.CategoryId != null && ids.Contains(p.CategoryId.Value));
        }
        if (query.MinPrice is { } min) { var fen = Money.FromYuan(min, "minPrice").Minor; q = q.Where(p => p.PriceFen >= fen); }
        if (query.MaxPrice is { } max) { var fen = Money.FromYuan(max, "maxPrice").Minor; q = q.Where(p => p.PriceFen <= fen); }

        var total = await Paging.CountUpToCapAsync(q, ct);
        q = sort switch
        {
            "price" => q.OrderBy(p => p.PriceFen).ThenBy(p => p.Id),
            "-price" => q.OrderByDescending(p => p.PriceFen).ThenBy(p => p.Id),
            "sales" => q.OrderByDescending(p => p.SoldCount).ThenBy(p => p.Id),
            "rating" => q.OrderByDescending(p => p.ReviewCount == 0 ? 0 : p.RatingTotal * 100 / p.ReviewCount).ThenByDescending(p => p.ReviewCount).ThenBy(p => p.Id),
            _ => q.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
        };
        var rows = await q.Skip((page - 1) * size).Take(size)
            .Select(p => new { p.Id, p.Name, p.PriceFen, p.Images, p.CategoryId, p.Stock, p.SoldCount, p.ReviewCount, p.RatingTotal })
            .ToListAsync(ct);
        var items = rows.Select(p => new ProductListItem(p.Id, p.Name, Money.ToYuan(p.PriceFen), p.Images.FirstOrDefault(), p.CategoryId, p.Stock > 0,
            p.SoldCount, p.ReviewCount == 0 ? null : Math.Round((double)p.RatingTotal / p.ReviewCount, 1), p.ReviewCount)).ToList();
        return PagedList<ProductListItem>.Of(items, page, size, total);
    }

    public async Task<ProductDetail> DetailAsync(Guid id, bool includeUnlisted, CancellationToken ct, Guid? memberId = null)
    {
        var p = await db.Products.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || (!includeUnlisted && p.Status != ProductStatus.Listed))
            throw new NotFoundException("product.not_found", "Product not found.");
        var path = new List<string>();
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        for (var c = p.CategoryId; c is not null && categories.TryGetValue(c.Value, out var node) && path.Count < 10; c = node.ParentId)
            path.Insert(0, node.Name);
        decimal? memberPrice = null;
        if (memberId is { } m && await tiers.CurrentAsync(m, ct) is { } tier)
        {
            long? own = (await tiers.TierPricesAsync(tier.Id, ct)).TryGetValue(id, out var set) ? set : null;
            var fen = own ?? (long)Math.Round(p.PriceFen * tier.PricePercent / 100m, 0, MidpointRounding.AwayFromZero);
            if (fen < p.PriceFen) memberPrice = Money.ToYuan(fen);
        }
        return new ProductDetail(p.Id, p.Name, p.Description, Money.ToYuan(p.PriceFen), memberPrice, p.Stock, EnumText.Snake(p.Status),
            p.Images, p.Tags, p.CategoryId, path, p.SoldCount, p.Rating, p.ReviewCount);
    }

    public async Task<IReadOnlyList<CategoryNode>> TreeAsync(CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var byParent = all.ToLookup(c => c.ParentId);
        IReadOnlyList<CategoryNode> Build(Guid? parent, int depth) => depth > 10 ? [] :
            byParent[parent].Select(c => new CategoryNode(c.Id, c.Name, c.SortOrder, Build(c.Id, depth + 1))).ToList();
        return Build(null, 0);
    }

    private async Task<List<Guid>> SubtreeAsync(Guid root, CancellationToken ct)
    {
        var parents = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var ids = new List<Guid> { root };
        for (var i = 0; i < ids.Count && ids.Count < 10_000; i++)
            ids.AddRange(parents.Where(c => c.ParentId == ids[i]).Select(c => c.Id));
        return ids;
    }
}
