using MemberMall.Features.Catalog;
using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Tiers;

public class TierConfig : IEntityTypeConfiguration<Tier>
{
    public void Configure(EntityTypeBuilder<Tier> b)
    {
        b.Property(t => t.Code).HasMaxLength(20);
        b.Property(t => t.Name).HasMaxLength(50);
        b.Property(t => t.PointsMultiplier).HasPrecision(9, 4);
        b.Property(t => t.RebatePercent).HasPrecision(9, 4);
        b.HasIndex(t => t.Code).IsUnique();
        b.HasIndex(t => t.Rank).IsUnique();
    }
}

public class TierChangeConfig : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> b)
    {
        b.Property(c => c.Reason).HasMaxLength(200);
        b.HasIndex(c => new { c.MemberId, c.At });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MemberTierConfig : IEntityTypeConfiguration<MemberTier>
{
    public void Configure(EntityTypeBuilder<MemberTier> b)
    {
        b.HasKey(m => m.MemberId);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => m.TierId);
        b.HasOne<Member>().WithOne().HasForeignKey<MemberTier>(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tier>().WithMany().HasForeignKey(m => m.TierId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ProductTierPriceConfig : IEntityTypeConfiguration<ProductTierPrice>
{
    public void Configure(EntityTypeBuilder<ProductTierPrice> b)
    {
        b.HasKey(p => new { p.ProductId, p.TierId });
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Tier>().WithMany().HasForeignKey(p => p.TierId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class TierSettingsConfig : IEntityTypeConfiguration<TierSettings>
{
    public void Configure(EntityTypeBuilder<TierSettings> b) => b.Property(s => s.Id).ValueGeneratedNever();
}
