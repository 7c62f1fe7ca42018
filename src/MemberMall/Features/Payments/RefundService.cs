using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Payments;

/// <summary>
/// Sends money back through the channel it came in: a gateway refund is recorded pending in the caller's
/// transaction and sent by <see cref="RefundSender"/> once that commits; cash on delivery and bank transfers are
/// refunded offline by finance and recorded here as done.
/// </summary>
public sealed class RefundService(MallDb db, RefundSender sender, ConsumptionStats stats, OrderTimeline timeline, Outbox.Outbox outbox,
    Points.OrderPoints points, Rebates.RebateService rebates, TimeProvider clock)
{
    /// <summary>Refunds <paramref name="lines"/> (each with its amount) of <paramref name="order"/>, plus any extra such as freight.</summary>
    public async Task<Refund> RefundLinesAsync(Order order, IReadOnlyList<(OrderItem Item, int Quantity, long AmountFen)> lines, long extraFen, string reason,
        Guid? afterSalesId, Actor actor, CancellationToken ct)
    {
        var amount = lines.Sum(l => l.AmountFen) + extraFen;
        if (amount <= 0) throw new DomainException("refund.amount_invalid", "There is nothing to refund.");
        if (amount > order.RefundableFen) throw new DomainException("refund.exceeds_paid", "An order can never refund more than was paid.");
        foreach (var (item, quantity, fen) in lines) item.RecordRefund(quantity, fen);
        order.RecordRefund(amount);
        var payment = await db.Payments.Where(p => p.OrderId == order.Id && p.Status == PaymentStatus.Succeeded).FirstOrDefaultAsync(ct);
        var refund = Issue(order, payment, amount, reason, afterSalesId);
        await stats.RecordRefundAsync(order, lines.Select(l => (l.Item, l.AmountFen)), amount, ct);
        await points.RefundAsync(order, refund.Id, lines.Select(l => (l.Item, l.Quantity)).ToList(), order.IsFullyRefunded, actor, ct);
        await rebates.ClawbackAsync(order, refund.Id, lines.Select(l => (l.Item, l.Quantity)).ToList(), ct);
        timeline.Add(order, "refunded", OrderNotes.Refund(amount, reason), actor);
        outbox.Add("order.refunded", order.Id, new
        {
            orderId = order.Id, order.OrderNo, order.MemberId, amountFen = amount, refundId = refund.Id, afterSalesId,
            items = lines.Select(l => new { orderItemId = l.Item.Id, l.Quantity, amountFen = l.AmountFen }),
            fullyRefunded = order.IsFullyRefunded,
        });
        return refund;
    }

    /// <summary>Returns a whole payment that arrived for an order that no longer wants it.</summary>
    public Task RefundPaymentAsync(Order order, Payment payment, string reason, Actor actor, CancellationToken ct)
    {
        Issue(order, payment, payment.AmountFen, reason, null);
        timeline.Add(order, "refunded", OrderNotes.Refund(payment.AmountFen, reason), actor);
        return Task.CompletedTask;
    }

    private Refund Issue(Order order, Payment? payment, long amountFen, string reason, Guid? afterSalesId)
    {
        var now = clock.GetUtcNow();
        var channel = payment?.Method == SandboxGateway.Provider ? SandboxGateway.Provider : Refund.OfflineChannel;
        var refund = new Refund
        {
            OrderId = order.Id, PaymentId = payment?.Id, AfterSalesId = afterSalesId, AmountFen = amountFen, Channel = channel, Reason = reason,
            CreatedAt = now, RefundNo = "R" + now.ToString("yyMMddHHmmss") + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6"),
        };
        if (channel == SandboxGateway.Provider)
        {
            refund.SendLater(now);
            sender.Wake();
        }
        else refund.Complete(null, now);
        db.Refunds.Add(refund);
        return refund;
    }
}
