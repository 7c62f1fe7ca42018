using MemberMall.Features.Catalog;
using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.PointsMall;

public class MallItemConfig : IEntityTypeConfiguration<MallItem>
{
    public void Configure(EntityTypeBuilder<MallItem> b)
    {
        b.ToTable("points_mall_items", t =>
        {
            t.HasCheckConstraint("ck_points_mall_items_stock_not_negative", "stock >= 0");
            t.HasCheckConstraint("ck_points_mall_items_points_positive", "points > 0");
        });
        b.Property(i => i.Name).HasMaxLength(100);
        b.Property(i => i.Description).HasMaxLength(2000);
        b.Property(i => i.ImageUrl).HasMaxLength(500);
        b.HasIndex(i => new { i.Listed, i.Points });
        b.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class MallExchangeConfig : IEntityTypeConfiguration<MallExchange>
{
    public void Configure(EntityTypeBuilder<MallExchange> b)
    {
        b.ToTable("points_mall_exchanges", t => t.HasCheckConstraint("ck_points_mall_exchanges_quantity", "quantity > 0"));
        b.Property(e => e.ExchangeNo).HasMaxLength(32);
        b.Property(e => e.ItemName).HasMaxLength(100);
        b.Property(e => e.RecipientName).HasMaxLength(100);
        b.Property(e => e.Province).HasMaxLength(50);
        b.Property(e => e.City).HasMaxLength(50);
        b.Property(e => e.District).HasMaxLength(50);
        b.Property(e => e.CancelReason).HasMaxLength(200);
        b.HasIndex(e => e.ExchangeNo).IsUnique();
        b.HasIndex(e => new { e.MemberId, e.CreatedAt });
        b.HasIndex(e => new { e.ItemId, e.CreatedAt });
        b.HasIndex(e => e.CreatedAt);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MallItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class MallQuotaConfig : IEntityTypeConfiguration<MallQuota>
{
    public void Configure(EntityTypeBuilder<MallQuota> b)
    {
        b.ToTable("points_mall_quotas", t => t.HasCheckConstraint("ck_points_mall_quotas_taken_not_negative", "taken >= 0"));
        b.HasKey(q => new { q.MemberId, q.ItemId });
        b.HasIndex(q => q.ItemId);
        b.HasOne<Member>().WithMany().HasForeignKey(q => q.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MallItem>().WithMany().HasForeignKey(q => q.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MallStockMovementConfig : IEntityTypeConfiguration<MallStockMovement>
{
    public void Configure(EntityTypeBuilder<MallStockMovement> b)
    {
        b.ToTable("points_mall_stock_movements");
        b.Property(m => m.Reference).HasMaxLength(64);
        b.Property(m => m.ActorName).HasMaxLength(100);
        b.HasIndex(m => new { m.ItemId, m.CreatedAt });
        b.HasOne<MallItem>().WithMany().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
