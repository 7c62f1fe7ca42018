using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Features.Payments;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

/// <summary>
/// What a refund does to an order, inside the transaction of the change that owes it; <see cref="RefundService"/>
/// records the refund itself and sends the money back through the channel it came in.
/// </summary>
public sealed class OrderRefunds(RefundService refunds, ConsumptionStats stats, OrderTimeline timeline, Outbox.Outbox outbox,
    Points.OrderPoints points, Rebates.RebateService rebates)
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
        var refund = await refunds.RefundOrderAsync(order.Id, amount, reason, afterSalesId, ct);
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
    public void RefundPayment(Order order, Payment payment, string reason, Actor actor)
    {
        refunds.RefundPayment(payment, reason);
        timeline.Add(order, "refunded", OrderNotes.Refund(payment.AmountFen, reason), actor);
    }
}

/// <summary>A refund in finance's list, with the order it belongs to.</summary>
public sealed record RefundQueueItem(Guid Id, string RefundNo, Guid OrderId, string OrderNo, decimal Amount, string Channel, string Status,
    int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, string? Note, string? SettledBy, string Reason);

/// <summary>How a settlement ended: paid offline by finance, or found already paid by the gateway (then nothing is paid again).</summary>
public sealed record RefundSettlement(RefundQueueItem Refund, bool PaidByGateway);

public sealed record SettleRefundInput(string? Note);

/// <summary>
/// Finance's view of the refunds, with their orders: those still owed first of all; and settling one the gateway keeps
/// declining by other means (<see cref="RefundQueue"/>), noted in the order's timeline.
/// </summary>
public sealed class OrderRefundQueue(MallDb db, RefundQueue queue, OrderTimeline timeline)
{
    public async Task<PagedList<RefundQueueItem>> SearchAsync(string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Refunds.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!EnumText.TryParseSnake<RefundStatus>(status, out var s))
                throw new RequestValidationException("refunds.status_invalid", "status", "Unknown refund status.");
            q = q.Where(r => r.Status == s);
        }
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await (from r in q
                          join o in db.Orders on r.OrderId equals o.Id
                          orderby r.CreatedAt descending, r.Id descending
                          select new { r, o.OrderNo })
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return PagedList<RefundQueueItem>.Of(rows.Select(x => Item(x.r, x.OrderNo)).ToList(), p, size, total);
    }

    /// <summary>Records a refund still owed through the gateway as paid by other means (see <see cref="RefundQueue.SettleOfflineAsync"/>).</summary>
    public async Task<RefundSettlement> SettleOfflineAsync(Guid refundId, string? note, Actor actor, CancellationToken ct)
    {
        var (refund, paidByGateway) = await queue.SettleOfflineAsync(refundId, note, actor, ct);
        var orderNo = await db.Orders.Where(o => o.Id == refund.OrderId).Select(o => o.OrderNo).SingleAsync(ct);
        timeline.Add(refund.OrderId, paidByGateway ? "refund_sent" : "refund_settled_offline", refund.RefundNo, actor);
        await db.SaveChangesAsync(ct);
        return new RefundSettlement(Item(refund, orderNo), paidByGateway);
    }

    private static RefundQueueItem Item(Refund r, string orderNo) => new(r.Id, r.RefundNo, r.OrderId, orderNo, Money.ToYuan(r.AmountFen), r.Channel,
        EnumText.Snake(r.Status), r.Attempts, r.LastError, r.CreatedAt, r.NextAttemptAt, r.CompletedAt, r.Note, r.SettledBy, r.Reason);
}
