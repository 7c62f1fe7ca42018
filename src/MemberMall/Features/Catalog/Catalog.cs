using MemberMall.Common;

namespace MemberMall.Features.Catalog;

public class Category
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? ParentId { get; init; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}

public enum ProductStatus { Draft, Listed, Delisted }

public class Product
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? CategoryId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    public long PriceFen { get; private set; }
    public int Stock { get; private set; }
    public ProductStatus Status { get; set; } = ProductStatus.Listed;
    public DateTimeOffset CreatedAt { get; init; }

    public void SetPrice(long priceFen)
    {
        if (priceFen <= 0) throw new DomainException("product.price_invalid", "A price must be above zero.");
        PriceFen = priceFen;
    }

    public void SetInitialStock(int stock)
    {
        if (stock < 0) throw new DomainException("product.stock_negative", "Stock cannot be negative.");
        Stock = stock;
    }
}
