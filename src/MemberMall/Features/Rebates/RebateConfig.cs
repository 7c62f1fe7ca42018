using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Rebates;

public class RebateRuleConfig : IEntityTypeConfiguration<RebateRule>
{
    public void Configure(EntityTypeBuilder<RebateRule> b)
    {
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Scope).HasMaxLength(20);
        b.Property(r => r.Percent).HasPrecision(9, 4);
    }
}

public class RebateAccrualConfig : IEntityTypeConfiguration<RebateAccrual>
{
    public void Configure(EntityTypeBuilder<RebateAccrual> b)
    {
        b.Property(a => a.Percent).HasPrecision(9, 4);
        b.Ignore(a => a.Net);
        // A refund's clawback and the release job each read an accrual before its member's account is locked; saving
        // it checks that what was read is still there, so money taken back or credited is never counted against a
        // balance it has already left.
        b.Property(a => a.Status).IsConcurrencyToken();
        b.Property(a => a.ClawedBackFen).IsConcurrencyToken();
        b.HasIndex(a => a.OrderItemId).IsUnique();
        b.HasIndex(a => a.OrderId);
        b.HasIndex(a => new { a.Status, a.AvailableAt });
        b.HasIndex(a => new { a.MemberId, a.Status });
        b.ToTable(t => t.HasCheckConstraint("ck_rebate_accruals_clawback", "clawed_back_fen >= 0 AND clawed_back_fen <= amount_fen"));
    }
}

public class RebateAccountConfig : IEntityTypeConfiguration<RebateAccount>
{
    public void Configure(EntityTypeBuilder<RebateAccount> b)
    {
        b.ToTable("rebate_accounts", t =>
        {
            t.HasCheckConstraint("ck_rebate_accounts_not_negative", "pending_fen >= 0 AND available_fen >= 0 AND frozen_fen >= 0");
        });
        b.HasKey(a => a.MemberId);
        b.HasOne<Member>().WithOne().HasForeignKey<RebateAccount>(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RebateEntryConfig : IEntityTypeConfiguration<RebateEntry>
{
    public void Configure(EntityTypeBuilder<RebateEntry> b)
    {
        b.Property(e => e.SourceType).HasMaxLength(20);
        b.Property(e => e.SourceId).HasMaxLength(64);
        b.Property(e => e.Rule).HasMaxLength(40);
        b.HasIndex(e => new { e.SourceType, e.SourceId, e.Rule }).IsUnique();
        b.HasIndex(e => new { e.MemberId, e.CreatedAt });
    }
}

public class RebateStatementConfig : IEntityTypeConfiguration<RebateStatement>
{
    public void Configure(EntityTypeBuilder<RebateStatement> b)
    {
        b.HasIndex(s => new { s.MemberId, s.PeriodStart }).IsUnique();
        b.HasIndex(s => s.PeriodStart);
    }
}

public class WithdrawalConfig : IEntityTypeConfiguration<Withdrawal>
{
    public void Configure(EntityTypeBuilder<Withdrawal> b)
    {
        b.Property(w => w.AccountMasked).HasMaxLength(20);
        b.Property(w => w.Note).HasMaxLength(200);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasIndex(w => new { w.Status, w.CreatedAt });
        b.HasIndex(w => new { w.MemberId, w.CreatedAt });
    }
}

public class RebateSettingsConfig : IEntityTypeConfiguration<RebateSettings>
{
    public void Configure(EntityTypeBuilder<RebateSettings> b) => b.Property(s => s.Id).ValueGeneratedNever();
}
