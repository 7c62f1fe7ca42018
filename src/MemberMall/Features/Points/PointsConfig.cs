using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Points;

public class PointsAccountConfig : IEntityTypeConfiguration<PointsAccount>
{
    public void Configure(EntityTypeBuilder<PointsAccount> b)
    {
        b.ToTable("points_accounts", t =>
        {
            t.HasCheckConstraint("ck_points_accounts_available_not_negative", "available >= 0");
            t.HasCheckConstraint("ck_points_accounts_pending_not_negative", "pending >= 0");
        });
        b.HasKey(a => a.MemberId);
        // Only an account read tracked is saved by EF (see PointsLedger), against the balances it was read with.
        b.Property(a => a.Available).IsConcurrencyToken();
        b.Property(a => a.Pending).IsConcurrencyToken();
        b.HasOne<Member>().WithOne().HasForeignKey<PointsAccount>(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PointsEntryConfig : IEntityTypeConfiguration<PointsEntry>
{
    public void Configure(EntityTypeBuilder<PointsEntry> b)
    {
        b.ToTable("points_entries");
        b.Property(e => e.SourceType).HasMaxLength(20);
        b.Property(e => e.SourceId).HasMaxLength(64);
        b.Property(e => e.Rule).HasMaxLength(40);
        b.Property(e => e.Note).HasMaxLength(200);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Ignore(e => e.Points);
        b.HasIndex(e => new { e.SourceType, e.SourceId, e.Rule }).IsUnique();
        b.HasIndex(e => new { e.MemberId, e.CreatedAt });
        b.HasIndex(e => e.ReversesEntryId).HasFilter("reverses_entry_id IS NOT NULL");
        b.HasMany(e => e.Draws).WithOne().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class PointsLotConfig : IEntityTypeConfiguration<PointsLot>
{
    public void Configure(EntityTypeBuilder<PointsLot> b)
    {
        b.ToTable("points_lots", t => t.HasCheckConstraint("ck_points_lots_remaining", "remaining >= 0 AND remaining <= original"));
        // A lot read before its member's account was locked (a refund's clawback, a release) may have been changed
        // since, by the expiry job or another request: saving it checks that what was read is still there.
        b.Property(l => l.Remaining).IsConcurrencyToken();
        b.Property(l => l.Status).IsConcurrencyToken();
        b.HasIndex(l => new { l.MemberId, l.Status, l.ExpiresAt });
        // The jobs look only for available lots by expiry and pending lots by release date. Partial indexes keep the
        // lots that leave those states (expired, spent, reversed) out, so a status change does not write them again.
        b.HasIndex(l => new { l.Status, l.ExpiresAt }).HasFilter("status = 'Available'");
        b.HasIndex(l => new { l.Status, l.AvailableAt }).HasFilter("status = 'Pending'");
        b.HasIndex(l => l.EntryId);
    }
}

public class LotDrawConfig : IEntityTypeConfiguration<LotDraw>
{
    public void Configure(EntityTypeBuilder<LotDraw> b)
    {
        b.ToTable("points_lot_draws");
        b.HasIndex(d => d.EntryId);
        b.HasIndex(d => d.LotId);
        b.HasOne<PointsLot>().WithMany().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class PointsAwardConfig : IEntityTypeConfiguration<PointsAward>
{
    public void Configure(EntityTypeBuilder<PointsAward> b)
    {
        b.ToTable("points_awards");
        b.HasKey(a => a.OrderItemId);
        b.Property(a => a.Rate).HasPrecision(9, 4);
        b.Property(a => a.Multiplier).HasPrecision(9, 4);
        b.HasIndex(a => a.OrderId);
    }
}

public class PointsSettingsConfig : IEntityTypeConfiguration<PointsSettings>
{
    public void Configure(EntityTypeBuilder<PointsSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.EarnRate).HasPrecision(9, 4);
    }
}

public class PointsRuleConfig : IEntityTypeConfiguration<PointsRule>
{
    public void Configure(EntityTypeBuilder<PointsRule> b)
    {
        b.Property(r => r.Scope).HasMaxLength(20);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Rate).HasPrecision(9, 4);
        b.HasIndex(r => new { r.Scope, r.TargetId }).IsUnique();
    }
}

public class PointsCampaignConfig : IEntityTypeConfiguration<PointsCampaign>
{
    public void Configure(EntityTypeBuilder<PointsCampaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Multiplier).HasPrecision(9, 4);
        b.HasIndex(c => new { c.StartsAt, c.EndsAt });
    }
}
