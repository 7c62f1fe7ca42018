using MemberMall.Features.Members;
using MemberMall.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Orders;

public class OrderConfig : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.OrderNo).HasMaxLength(20);
        b.Property(o => o.PaymentMethod).HasMaxLength(20);
        b.Property(o => o.RecipientName).HasMaxLength(50);
        b.Property(o => o.Province).HasMaxLength(30);
        b.Property(o => o.City).HasMaxLength(30);
        b.Property(o => o.District).HasMaxLength(30);
        b.Property(o => o.CancelReason).HasMaxLength(200);
        b.Property(o => o.Carrier).HasMaxLength(50);
        b.Property(o => o.TrackingNo).HasMaxLength(50);
        b.Property(o => o.ReviewReason).HasMaxLength(200);
        b.Property(o => o.ReferralSource).HasMaxLength(100);
        b.Property(o => o.FollowUpNote).HasMaxLength(1000);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.RefundableFen);
        b.Ignore(o => o.IsFullyRefunded);
        b.HasIndex(o => o.OrderNo).IsUnique();
        b.HasIndex(o => new { o.MemberId, o.CreatedAt });
        b.HasIndex(o => new { o.Status, o.CreatedAt });
        // The jobs' queues: unpaid orders by when they cancel, delivered ones by when they complete. Each index holds
        // only the orders in its status, so it stays as small as its queue, and an order that leaves the status (paid,
        // completed) writes no entry there. The jobs' queries name the same status as a constant, which the filter matches.
        b.HasIndex(o => o.AutoCancelAt).HasDatabaseName("ix_orders_unpaid_auto_cancel_at").HasFilter("status = 'PendingPayment'");
        b.HasIndex(o => o.DeliveredAt).HasDatabaseName("ix_orders_delivered_delivered_at").HasFilter("status = 'Delivered'");
        b.HasIndex(o => o.CreatedAt);
        b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        // Payments and refunds belong to an order; the keys are declared here, so that Payments need not know the order.
        b.HasMany<Payment>().WithOne().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Refund>().WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_orders_refund_within_paid", "refunded_fen >= 0 AND refunded_fen <= paid_fen"));
    }
}

public class OrderItemConfig : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.Property(i => i.ProductName).HasMaxLength(100);
        b.Property(i => i.ImageUrl).HasMaxLength(500);
        b.Ignore(i => i.PayableFen);
        b.Ignore(i => i.ClaimableQuantity);
        b.HasIndex(i => i.ProductId);
        b.ToTable(t => t.HasCheckConstraint("ck_order_items_refund_within_line",
            "refunded_quantity >= 0 AND refunded_quantity <= quantity AND refunded_fen >= 0 AND refunded_fen <= line_total_fen - discount_fen"));
    }
}

public class OrderEventConfig : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.Note).HasMaxLength(500);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.HasIndex(e => new { e.OrderId, e.At });
        b.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
