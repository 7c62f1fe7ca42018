using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Catalog;

public class CategoryConfig : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasIndex(c => new { c.ParentId, c.SortOrder });
    }
}

public class ProductConfig : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.SearchText).HasMaxLength(600);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.Ignore(p => p.ImageUrl);
        b.Ignore(p => p.IsLow);
        b.Ignore(p => p.Rating);
        b.HasIndex(p => new { p.Status, p.CategoryId, p.PriceFen });
        b.HasIndex(p => new { p.Status, p.CreatedAt });
        b.HasIndex(p => new { p.Status, p.SoldCount });
        b.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.SetNull);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_products_stock_not_negative", "stock >= 0");
            t.HasCheckConstraint("ck_products_reserved_not_negative", "reserved >= 0");
        });
    }
}
