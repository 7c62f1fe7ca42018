using MemberMall.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Members;

public class MemberConfig : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.MemberNo).HasMaxLength(20);
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.SearchName).HasMaxLength(50);
        b.Property(m => m.AvatarUrl).HasMaxLength(500);
        b.Property(m => m.PhoneHash).HasMaxLength(64);
        b.Property(m => m.EmailHash).HasMaxLength(64);
        b.Property(m => m.ReferralCode).HasMaxLength(16);
        b.Property(m => m.ReferredByCode).HasMaxLength(16);
        b.Property(m => m.DeviceHash).HasMaxLength(64);
        b.HasIndex(m => m.ReferredByCode);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Account>().WithOne().HasForeignKey<Member>(m => m.Id).OnDelete(DeleteBehavior.Cascade);

        b.HasIndex(m => m.MemberNo).IsUnique();
        b.HasIndex(m => m.ReferralCode).IsUnique();
        b.HasIndex(m => m.PhoneHash).IsUnique();
        b.HasIndex(m => m.EmailHash).IsUnique();
        // Keyset orders of the admin list: each sort key paired with the member number as tie-breaker.
        b.HasIndex(m => new { m.SearchName, m.MemberNo });
        b.HasIndex(m => new { m.TotalSpendFen, m.MemberNo });
        b.HasIndex(m => new { m.LastOrderAt, m.MemberNo });
        b.HasIndex(m => new { m.RegisteredAt, m.MemberNo });

        b.HasMany(m => m.Tags).WithOne().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Addresses).WithOne().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
        // Coupons refers to no other feature, so the member keys of its tables are declared here.
        b.HasMany<Coupons.MemberCoupon>().WithOne().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<Coupons.CouponQuota>().WithOne().HasForeignKey(q => q.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AddressConfig : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> b)
    {
        b.Property(a => a.RecipientName).HasMaxLength(50);
        b.Property(a => a.Province).HasMaxLength(30);
        b.Property(a => a.City).HasMaxLength(30);
        b.Property(a => a.District).HasMaxLength(30);
        b.HasIndex(a => a.MemberId);
    }
}

public class TagConfig : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.Property(t => t.Name).HasMaxLength(30);
        b.HasIndex(t => t.Name).IsUnique();
    }
}

public class MemberTagConfig : IEntityTypeConfiguration<MemberTag>
{
    public void Configure(EntityTypeBuilder<MemberTag> b)
    {
        b.HasKey(t => new { t.MemberId, t.TagId });
        b.HasIndex(t => new { t.TagId, t.MemberId });
        b.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MemberNoteConfig : IEntityTypeConfiguration<MemberNote>
{
    public void Configure(EntityTypeBuilder<MemberNote> b)
    {
        b.Property(n => n.AuthorName).HasMaxLength(100);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.HasIndex(n => new { n.MemberId, n.CreatedAt });
        b.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
