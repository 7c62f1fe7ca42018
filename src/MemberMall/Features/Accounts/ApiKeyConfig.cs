using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Accounts;

public class ApiKeyConfig : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.Property(k => k.Name).HasMaxLength(80);
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.Property(k => k.SecretHash).HasMaxLength(64);
        b.Property(k => k.Scopes).HasMaxLength(400);
        b.Property(k => k.CreatedBy).HasMaxLength(256);
        b.HasIndex(k => k.SecretHash).IsUnique();
        b.Ignore(k => k.ScopeList);
    }
}
