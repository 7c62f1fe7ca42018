using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.AfterSales;

public sealed record AfterSalesLineInput([property: Required] Guid OrderItemId, [property: Range(1, 999)] int Quantity);

public sealed record AfterSalesInput([property: Required] string Type, [property: Required, MinLength(1), MaxLength(50), NoEmptyEntries] IReadOnlyList<AfterSalesLineInput> Items,
    [property: Required, StringLength(500, MinimumLength = 1)] string Reason, [property: MaxLength(9), EachLength(500)] IReadOnlyList<string>? Photos = null);

public sealed record StaffDecision([property: StringLength(500)] string? Note);

/// <summary>After-sales: members ask, staff decide, goods come back, money goes back — each step one transaction.</summary>
public sealed class AfterSalesService(MallDb db, OrderActions orders, StockService stock, OrderRefunds refunds, OrderTimeline timeline,
    Outbox.Outbox outbox, TimeProvider clock)
{
    public async Task<AfterSalesRequest> RequestAsync(Guid memberId, Guid orderId, AfterSalesInput input, Actor actor, CancellationToken ct)
    {
        if (!EnumText.TryParseSnake<AfterSalesType>(input.Type, out var type))
            throw new RequestValidationException("aftersales.type_invalid", "type", "Type must be refund, return or exchange.");
        if (input.Items.GroupBy(i => i.OrderItemId).Any(g => g.Count() > 1))
            throw new RequestValidationException("aftersales.items_duplicate", "items", "List each order line once.");
        var order = await orders.LoadAsync(orderId, memberId, ct);
        var allowed = type == AfterSalesType.Refund
            ? order.Status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed
            : order.Status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed;
        if (!allowed)
            throw new DomainException("aftersales.not_allowed", $"A {EnumText.Snake(type)} request is not possible for an order that is {EnumText.Snake(order.Status)}.");
        if (type != AfterSalesType.Exchange && order.PaidFen == 0)
            throw new DomainException("aftersales.nothing_paid", "Nothing has been paid for this order yet.");

        var now = clock.GetUtcNow();
        var request = new AfterSalesRequest
        {
            RequestNo = "AS" + now.ToString("yyMMdd") + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8"),
            OrderId = orderId, MemberId = memberId, Type = type, Reason = input.Reason.Trim(), Photos = (input.Photos ?? []).ToList(), CreatedAt = now,
        };
        foreach (var line in input.Items)
        {
            var item = order.Items.SingleOrDefault(i => i.Id == line.OrderItemId)
                ?? throw new NotFoundException("order_item.not_found", "That line is not part of this order.");
            item.Claim(line.Quantity);
            request.Items.Add(new AfterSalesItem { RequestId = request.Id, OrderItemId = item.Id, Quantity = line.Quantity });
        }
        order.Touch();
        db.AfterSalesRequests.Add(request);
        timeline.Add(order, "aftersales_requested", OrderNotes.AfterSalesRequested(request.RequestNo, request.Reason), actor);
        outbox.Add("aftersales.requested", request.Id, new { requestId = request.Id, orderId, memberId, type = input.Type });
        await db.SaveChangesAsync(ct);
        return request;
    }

    public Task<AfterSalesRequest> ApproveAsync(Guid id, string? note, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, "aftersales_approved", (r, _) => { r.Approve(note, clock.GetUtcNow()); return Task.CompletedTask; }, ct);

    public Task<AfterSalesRequest> RejectAsync(Guid id, string? note, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, "aftersales_rejected", (r, order) =>
        {
            r.Reject(note, clock.GetUtcNow());
            foreach (var line in r.Items) order.Items.Single(i => i.Id == line.OrderItemId).Unclaim(line.Quantity);
            return Task.CompletedTask;
        }, ct);

    public Task<AfterSalesRequest> ReceiveAsync(Guid id, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, "aftersales_received", async (r, order) =>
        {
            r.Receive(clock.GetUtcNow());
            await stock.ReturnAsync(Lines(r, order).Select(l => new StockLine(l.Item.ProductId, l.Quantity)), r.RequestNo, ct);
        }, ct);

    /// <summary>Refunds exactly the requested units; a refund that empties an unshipped order also returns the freight and closes it.</summary>
    public Task<AfterSalesRequest> RefundAsync(Guid id, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, "aftersales_refunded", async (r, order) =>
        {
            var lines = Lines(r, order).Select(l => (l.Item, l.Quantity, l.Item.RefundAmountFor(l.Quantity))).ToList();
            var unshipped = order.Status == OrderStatus.Paid;
            var closesOrder = unshipped && order.Items.All(i => i.RefundedQuantity + lines.Where(l => l.Item.Id == i.Id).Sum(l => l.Quantity) == i.Quantity);
            var linesFen = lines.Sum(l => l.Item3);
            var extra = closesOrder ? order.RefundableFen - linesFen : 0;
            // The request's own state first: a repeated click on a refund already paid is told so, whatever its lines have left.
            r.Refunded(linesFen + extra, clock.GetUtcNow());
            if (unshipped) await stock.ReleaseAsync(lines.Select(l => new StockLine(l.Item.ProductId, l.Quantity)), r.RequestNo, order, ct);
            await refunds.RefundLinesAsync(order, lines, extra, OrderNotes.AfterSales(r.RequestNo), r.Id, actor, ct);
            if (closesOrder)
            {
                order.Cancel(OrderNotes.RefundedBeforeShipping, clock.GetUtcNow());
                timeline.Add(order, "cancelled", OrderNotes.RefundedBeforeShipping, actor);
            }
        }, ct);

    public Task<AfterSalesRequest> CompleteExchangeAsync(Guid id, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, "aftersales_exchanged", async (r, order) =>
        {
            r.CompleteExchange(clock.GetUtcNow());
            var replacement = Lines(r, order).Select(l => new StockLine(l.Item.ProductId, l.Quantity)).ToList();
            await stock.ReserveAsync(replacement, r.RequestNo, ct);
            await stock.ShipAsync(replacement, r.RequestNo, order, ct);
            foreach (var line in r.Items) order.Items.Single(i => i.Id == line.OrderItemId).Unclaim(line.Quantity);
        }, ct);

    private static IEnumerable<(OrderItem Item, int Quantity)> Lines(AfterSalesRequest r, Order order) =>
        r.Items.Select(l => (order.Items.Single(i => i.Id == l.OrderItemId), l.Quantity));

    private async Task<AfterSalesRequest> StepAsync(Guid id, Actor actor, string eventType, Func<AfterSalesRequest, Order, Task> step, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var request = await db.AfterSalesRequests.Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("aftersales.not_found", "After-sales request not found.");
        var order = await orders.LoadAsync(request.OrderId, null, ct);
        await step(request, order);
        order.Touch();
        timeline.Add(order, eventType, request.RequestNo, actor);
        outbox.Add(eventType.Replace('_', '.'), request.Id, new { requestId = request.Id, orderId = order.Id, order.MemberId, status = EnumText.Snake(request.Status) });
        await tx.SaveAndCommitAsync(ct);
        return request;
    }
}
