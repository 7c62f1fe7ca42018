using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Audit;

public class AuditEntryConfig : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.ActorName).HasMaxLength(100);
        b.Property(a => a.ActorRole).HasMaxLength(32);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Ip).HasMaxLength(64);
        b.Property(a => a.UserAgent).HasMaxLength(300);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        b.HasIndex(a => new { a.ActorId, a.At });
    }
}
