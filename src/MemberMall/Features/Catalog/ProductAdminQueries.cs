using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Catalog;

public sealed record AdminProductQuery(string? Q = null, string? Status = null, Guid? CategoryId = null, int? Page = null, int? PageSize = null);

/// <summary>A product as staff see it: every status, the reserved units and the stock thresholds.</summary>
public sealed record ProductAdminView(Guid Id, string Name, Guid? CategoryId, string? CategoryName, decimal Price, int Stock, int Reserved, string Status,
    string? Description, IReadOnlyList<string> Tags, int LowStockThreshold, int? HighStockThreshold, int Sold, double? Rating, int ReviewCount,
    DateTimeOffset UpdatedAt)
{
    public bool IsLow => Stock < LowStockThreshold && Status != "delisted";
}

/// <summary>The staff catalog list: search by name, filter by status and category, newest first.</summary>
public sealed class ProductAdminQueries(MallDb db)
{
    public async Task<PagedList<ProductAdminView>> SearchAsync(AdminProductQuery query, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = db.Products.AsNoTracking();
        foreach (var term in (query.Q ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
            q = q.Where(p => p.SearchText.Contains(term));
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!EnumText.TryParseSnake<ProductStatus>(query.Status, out var status))
                throw new RequestValidationException("products.status_invalid", "status", "Status must be draft, listed or delisted.");
            q = q.Where(p => p.Status == status);
        }
        if (query.CategoryId is { } categoryId) q = q.Where(p => p.CategoryId == categoryId);
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await q.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return PagedList<ProductAdminView>.Of(await ViewsAsync(rows, ct), page, size, total);
    }

    public async Task<ProductAdminView> GetAsync(Guid id, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException("product.not_found", "Product not found.");
        return (await ViewsAsync([product], ct))[0];
    }

    private async Task<List<ProductAdminView>> ViewsAsync(IReadOnlyList<Product> rows, CancellationToken ct)
    {
        var categoryIds = rows.Where(p => p.CategoryId != null).Select(p => p.CategoryId!.Value).Distinct().ToList();
        var names = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(p => new ProductAdminView(p.Id, p.Name, p.CategoryId, p.CategoryId is { } c ? names.GetValueOrDefault(c) : null,
            Money.ToYuan(p.PriceFen), p.Stock, p.Reserved, EnumText.Snake(p.Status), p.Description, p.Tags, p.LowStockThreshold, p.HighStockThreshold,
            p.SoldCount, p.Rating, p.ReviewCount, p.UpdatedAt)).ToList();
    }
}
