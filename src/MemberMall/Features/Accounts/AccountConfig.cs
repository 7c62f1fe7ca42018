using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Accounts;

public class AccountConfig : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.Property(a => a.StaffRole).HasMaxLength(32);
        b.Property(a => a.DisplayName).HasMaxLength(100);
        b.HasIndex(a => new { a.Kind, a.CreatedAt });
    }

    public static void RenameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<Account>().ToTable("accounts");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
    }
}

public class AuthSessionConfig : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> b)
    {
        b.Property(s => s.AccessTokenHash).HasMaxLength(64);
        b.Property(s => s.RefreshTokenHash).HasMaxLength(64);
        b.Property(s => s.Ip).HasMaxLength(64);
        b.HasIndex(s => s.AccessTokenHash).IsUnique();
        b.HasIndex(s => s.RefreshTokenHash).IsUnique();
        b.HasIndex(s => s.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
