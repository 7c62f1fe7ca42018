using MemberMall.Features.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Stock;

public class StockMovementConfig : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.Property(m => m.Reference).HasMaxLength(64);
        b.Property(m => m.Reason).HasMaxLength(200);
        b.HasIndex(m => new { m.ProductId, m.CreatedAt });
        b.HasIndex(m => m.Reference);
        b.HasOne<Product>().WithMany().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
