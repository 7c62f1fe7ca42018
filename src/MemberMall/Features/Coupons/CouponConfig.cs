using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Coupons;

public class CouponConfig : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> b)
    {
        b.ToTable("coupons", t =>
        {
            t.HasCheckConstraint("ck_coupons_claimed_within_quantity", "total_quantity IS NULL OR claimed <= total_quantity");
            t.HasCheckConstraint("ck_coupons_used_within_claimed", "used >= 0 AND used <= claimed");
            t.HasCheckConstraint("ck_coupons_discount_within_budget", "discount_given_fen >= 0 AND (budget_fen IS NULL OR discount_given_fen <= budget_fen)");
        });
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.ClaimCode).HasMaxLength(32);
        b.HasIndex(c => c.ClaimCode).IsUnique();
        b.HasIndex(c => new { c.Status, c.CreatedAt });
    }
}

/// <summary>A copy's member is declared from the Members side (<c>MemberConfig</c>): Coupons refers to no other feature.</summary>
public class MemberCouponConfig : IEntityTypeConfiguration<MemberCoupon>
{
    public void Configure(EntityTypeBuilder<MemberCoupon> b)
    {
        b.ToTable("member_coupons");
        b.Property(m => m.Source).HasMaxLength(16);
        b.HasIndex(m => new { m.MemberId, m.Status, m.ValidTo });
        b.HasIndex(m => m.OrderId);
        b.HasIndex(m => m.CouponId);
        b.HasOne<Coupon>().WithMany().HasForeignKey(m => m.CouponId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class CouponQuotaConfig : IEntityTypeConfiguration<CouponQuota>
{
    public void Configure(EntityTypeBuilder<CouponQuota> b)
    {
        b.ToTable("coupon_quotas", t => t.HasCheckConstraint("ck_coupon_quotas_taken_not_negative", "taken >= 0"));
        b.HasKey(q => new { q.CouponId, q.MemberId });
        b.HasIndex(q => q.MemberId);
        b.HasOne<Coupon>().WithMany().HasForeignKey(q => q.CouponId).OnDelete(DeleteBehavior.Cascade);
    }
}
