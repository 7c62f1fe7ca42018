using MemberMall.Common;
using MemberMall.Features.Payments;
using MemberMall.Features.Settings;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

/// <summary>What members and staff do to an order after it is placed; each is one transaction.</summary>
public sealed class OrderActions(MallDb db, StockService stock, OrderRefunds refunds, OrderTimeline timeline, Outbox.Outbox outbox,
    ShopSettingsService settings, Points.OrderPoints points, Engagement.Referrals referrals, Rebates.RebateService rebates, Coupons.CouponRedemption coupons,
    TimeProvider clock)
{
    public async Task<Order> CancelAsync(Guid orderId, Guid? memberId, string reason, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var order = await LoadAsync(orderId, memberId, ct);
        if (memberId is not null && order.Status != OrderStatus.PendingPayment)
            throw new DomainException("order.invalid_transition", "A paid order is cancelled through an after-sales refund request.");
        await CancelInsideAsync(order, reason, actor, ct);
        await tx.SaveAndCommitAsync(ct);
        return order;
    }

    /// <summary>Cancels, releases what is still reserved, closes open payments and refunds what was paid.</summary>
    public async Task CancelInsideAsync(Order order, string reason, Actor actor, CancellationToken ct)
    {
        var wasPaid = order.Status == OrderStatus.Paid;
        order.Cancel(reason, clock.GetUtcNow());
        var open = order.Items.Where(i => i.Quantity > i.RefundedQuantity).Select(i => new StockLine(i.ProductId, i.Quantity - i.RefundedQuantity)).ToList();
        if (open.Count > 0) await stock.ReleaseAsync(open, OrderService.Reference(order), order, ct);
        foreach (var p in await db.Payments.Where(p => p.OrderId == order.Id && p.Status == PaymentStatus.Pending).ToListAsync(ct)) p.Cancel();
        // An unpaid order gives its coupons back; one cancelled after payment keeps them used, as a refund does.
        if (!wasPaid) await coupons.ReturnAsync(order.Id, clock.GetUtcNow(), ct);
        if (!wasPaid || order.RefundableFen == 0) await points.CancelAsync(order, actor, ct);
        else
        {
            var lines = order.Items.Where(i => i.Quantity > i.RefundedQuantity)
                .Select(i => (i, i.Quantity - i.RefundedQuantity, i.RefundAmountFor(i.Quantity - i.RefundedQuantity))).ToList();
            await refunds.RefundLinesAsync(order, lines, order.RefundableFen - lines.Sum(l => l.Item3), OrderNotes.OrderCancelled, null, actor, ct);
        }
        timeline.Add(order, "cancelled", reason, actor);
        outbox.Add("order.cancelled", order.Id, new { orderId = order.Id, order.OrderNo, order.MemberId, reason, wasPaid });
    }

    public Task<Order> ShipAsync(Guid orderId, string carrier, string trackingNo, Actor actor, CancellationToken ct) =>
        ChangeAsync(orderId, null, actor, async order =>
        {
            order.Ship(carrier, trackingNo, clock.GetUtcNow());
            var lines = order.Items.Where(i => i.Quantity > i.RefundedQuantity).Select(i => new StockLine(i.ProductId, i.Quantity - i.RefundedQuantity));
            await stock.ShipAsync(lines, OrderService.Reference(order), order, ct);
            return ("shipped", $"{carrier} {trackingNo}");
        }, ct);

    public Task<Order> ConfirmReceiptAsync(Guid orderId, Guid? memberId, Actor actor, CancellationToken ct) =>
        ChangeAsync(orderId, memberId, actor, order =>
        {
            order.Deliver(clock.GetUtcNow());
            order.CollectOnDelivery(clock.GetUtcNow());
            return Task.FromResult(("delivered", (string?)(memberId is null ? OrderNotes.MarkedDeliveredByStaff : OrderNotes.ReceiptConfirmedByMember)));
        }, ct);

    public Task<Order> CompleteAsync(Guid orderId, Actor actor, CancellationToken ct) =>
        ChangeAsync(orderId, null, actor, async order =>
        {
            order.Complete(clock.GetUtcNow());
            await points.ScheduleReleaseAsync(order, ct);
            await referrals.OnOrderCompletedAsync(order, ct);
            await rebates.AccrueAsync(order, ct);
            return ("completed", (string?)null);
        }, ct);

    public async Task<Order> DecideReviewAsync(Guid orderId, bool approve, string? reason, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var order = await LoadAsync(orderId, null, ct);
        order.DecideReview(approve, reason);
        timeline.Add(order, approve ? "review_approved" : "review_rejected", reason, actor);
        if (!approve) await CancelInsideAsync(order, "rejected in review: " + reason, actor, ct);
        await tx.SaveAndCommitAsync(ct);
        return order;
    }

    public Task<Order> RateAsync(Guid orderId, Guid memberId, int rating, Actor actor, CancellationToken ct) =>
        ChangeAsync(orderId, memberId, actor, order =>
        {
            order.Rate(rating);
            return Task.FromResult(("rated", (string?)$"{rating}/5"));
        }, ct);

    public Task<Order> AnnotateAsync(Guid orderId, string? referralSource, string? followUpNote, Actor actor, CancellationToken ct) =>
        ChangeAsync(orderId, null, actor, order =>
        {
            order.Annotate(referralSource, followUpNote);
            return Task.FromResult(("annotated", (string?)null));
        }, ct);

    private async Task<Order> ChangeAsync(Guid orderId, Guid? memberId, Actor actor, Func<Order, Task<(string Type, string? Note)>> change, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var order = await LoadAsync(orderId, memberId, ct);
        var (type, note) = await change(order);
        timeline.Add(order, type, note, actor);
        if (type is "shipped" or "delivered" or "completed")
            outbox.Add("order." + type, order.Id, new { orderId = order.Id, order.OrderNo, order.MemberId, paidFen = order.PaidFen, refundedFen = order.RefundedFen });
        await tx.SaveAndCommitAsync(ct);
        return order;
    }

    public async Task<Order> LoadAsync(Guid orderId, Guid? memberId, CancellationToken ct) =>
        await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == orderId && (memberId == null || o.MemberId == memberId), ct)
        ?? throw new NotFoundException("order.not_found", "Order not found.");

    public async Task<ShopSettings> SettingsAsync(CancellationToken ct) => await settings.GetAsync(ct);
}
