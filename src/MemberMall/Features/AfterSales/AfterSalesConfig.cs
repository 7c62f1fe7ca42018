using MemberMall.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.AfterSales;

public class AfterSalesRequestConfig : IEntityTypeConfiguration<AfterSalesRequest>
{
    public void Configure(EntityTypeBuilder<AfterSalesRequest> b)
    {
        b.ToTable("after_sales_requests");
        b.Property(r => r.RequestNo).HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.StaffNote).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.RequestNo).IsUnique();
        b.HasIndex(r => new { r.OrderId, r.Status });
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.MemberId, r.CreatedAt });
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class AfterSalesItemConfig : IEntityTypeConfiguration<AfterSalesItem>
{
    public void Configure(EntityTypeBuilder<AfterSalesItem> b)
    {
        b.ToTable("after_sales_items");
        b.HasIndex(i => i.OrderItemId);
        b.HasOne<OrderItem>().WithMany().HasForeignKey(i => i.OrderItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
