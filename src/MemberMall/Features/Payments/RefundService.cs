using System.Security.Cryptography;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Payments;

/// <summary>
/// Sends money back through the channel it came in: a gateway refund is recorded pending in the caller's
/// transaction and sent by <see cref="RefundSender"/> once that commits; cash on delivery and bank transfers are
/// refunded offline by finance and recorded here as done. What the refund does to the order is the caller's.
/// </summary>
public sealed class RefundService(MallDb db, RefundSender sender, TimeProvider clock)
{
    /// <summary>Refunds <paramref name="amountFen"/> of an order through the channel of the payment that paid it.</summary>
    public async Task<Refund> RefundOrderAsync(Guid orderId, long amountFen, string reason, Guid? afterSalesId, CancellationToken ct)
    {
        var payment = await db.Payments.Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Succeeded).FirstOrDefaultAsync(ct);
        return Issue(orderId, payment, amountFen, reason, afterSalesId);
    }

    /// <summary>Returns a whole payment that arrived for an order that no longer wants it.</summary>
    public Refund RefundPayment(Payment payment, string reason) => Issue(payment.OrderId, payment, payment.AmountFen, reason, null);

    private Refund Issue(Guid orderId, Payment? payment, long amountFen, string reason, Guid? afterSalesId)
    {
        var now = clock.GetUtcNow();
        var channel = payment?.Method == SandboxGateway.Provider ? SandboxGateway.Provider : Refund.OfflineChannel;
        var refund = new Refund
        {
            OrderId = orderId, PaymentId = payment?.Id, AfterSalesId = afterSalesId, AmountFen = amountFen, Channel = channel, Reason = reason,
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
