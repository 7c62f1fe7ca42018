using MemberMall.Common;

namespace MemberMall.Features.Catalog;

public enum ProductStatus { Draft, Listed, Delisted }

/// <summary>
/// A product. <see cref="Stock"/> is what can still be sold; <see cref="Reserved"/> is held by orders that have
/// not shipped. Both change only through <see cref="Stock.StockService"/>, which updates them atomically in SQL
/// and writes a movement for every change.
/// </summary>
public class Product
{
    public const int MaxQuantityPerLine = 999;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? CategoryId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Lower-cased name, tags and category: what keyword search matches against.</summary>
    public string SearchText { get; private set; } = "";
    public string? Description { get; private set; }
    public List<string> Images { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    public long PriceFen { get; private set; }
    public ProductStatus Status { get; private set; } = ProductStatus.Draft;
    public int Stock { get; private set; }
    public int Reserved { get; private set; }
    public int LowStockThreshold { get; private set; }
    public int? HighStockThreshold { get; private set; }
    public int SoldCount { get; private set; }
    public int ReviewCount { get; private set; }
    public int RatingTotal { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public string? ImageUrl => Images.FirstOrDefault();

    public Product(string name, long priceFen, DateTimeOffset now)
    {
        CreatedAt = now;
        Describe(name, null, null, [], [], null, now);
        SetPrice(priceFen, now);
    }

    private Product() { }

    public void Describe(string name, string? description, Guid? categoryId, IEnumerable<string> images, IEnumerable<string> tags, string? categoryName, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("product.name_required", "A product needs a name.");
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        CategoryId = categoryId;
        Images = images.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().Take(10).ToList();
        Tags = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().Take(20).ToList();
        SearchText = string.Join(' ', new[] { Name }.Concat(Tags).Append(categoryName ?? "")).ToLowerInvariant().Trim();
        UpdatedAt = now;
    }

    public void SetPrice(long priceFen, DateTimeOffset now)
    {
        if (priceFen <= 0 || priceFen > 100_000_000_00) throw new DomainException("product.price_invalid", "A price must be above zero and at most ¥100,000,000.");
        PriceFen = priceFen;
        UpdatedAt = now;
    }

    public void SetThresholds(int low, int? high)
    {
        if (low < 0 || high < 0 || (high is not null && high <= low))
            throw new DomainException("product.threshold_invalid", "Thresholds must be positive, with the high one above the low one.");
        (LowStockThreshold, HighStockThreshold) = (low, high);
    }

    public void List(DateTimeOffset now)
    {
        if (Status == ProductStatus.Listed) return;
        Status = ProductStatus.Listed;
        UpdatedAt = now;
    }

    public void Delist(DateTimeOffset now)
    {
        Status = ProductStatus.Delisted;
        UpdatedAt = now;
    }

    public bool IsLow => Stock < LowStockThreshold;

    public double? Rating => ReviewCount == 0 ? null : Math.Round((double)RatingTotal / ReviewCount, 1);
}
