using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Payments;

public class PaymentConfig : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(p => p.TradeNo).HasMaxLength(32);
        b.Property(p => p.Method).HasMaxLength(20);
        b.Property(p => p.ProviderTransactionId).HasMaxLength(64);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.TradeNo).IsUnique();
        b.HasIndex(p => new { p.OrderId, p.Status });
    }
}

public class PaymentNotificationConfig : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> b)
    {
        b.Property(n => n.Provider).HasMaxLength(20);
        b.Property(n => n.NotifyId).HasMaxLength(64);
        b.Property(n => n.TradeNo).HasMaxLength(32);
        b.Property(n => n.Outcome).HasMaxLength(40);
        b.HasIndex(n => new { n.Provider, n.NotifyId }).IsUnique();
        b.HasIndex(n => n.TradeNo);
    }
}

public class RefundConfig : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.Property(r => r.RefundNo).HasMaxLength(32);
        b.Property(r => r.Channel).HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(200);
        b.Property(r => r.ProviderRefundId).HasMaxLength(64);
        b.Property(r => r.LastError).HasMaxLength(Refund.MaxErrorLength);
        b.Property(r => r.Note).HasMaxLength(Refund.MaxNoteLength);
        b.Property(r => r.SettledBy).HasMaxLength(100);
        b.HasIndex(r => r.RefundNo).IsUnique();
        b.HasIndex(r => new { r.Status, r.NextAttemptAt });
        b.HasIndex(r => r.OrderId);
    }
}
