using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Features.Payments;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

public sealed record PaymentStartView(Guid PaymentId, string TradeNo, string Method, string Status, decimal Amount, string OrderStatus, string? Instructions);

/// <summary>
/// Paying orders: starting a payment, and what happens to the order when the gateway (or finance, for a bank transfer)
/// says the money arrived. <see cref="PaymentService"/> keeps the payment's own rules and answers what happened to it.
/// </summary>
public sealed class OrderPayments(MallDb db, PaymentService payments, ShopSettingsService settings, ConsumptionStats stats, OrderTimeline timeline,
    Outbox.Outbox outbox, OrderRefunds refunds, Points.OrderPoints points, Tiers.TierService tiers, Coupons.CouponRedemption coupons, TimeProvider clock,
    ILogger<OrderPayments> logger)
{
    public async Task<PaymentStartView> StartAsync(Guid memberId, Guid orderId, string method, Actor actor, CancellationToken ct)
    {
        if (!OrderService.PaymentMethods.Contains(method))
            throw new RequestValidationException("payment.method_invalid", "method", "Payment method must be one of: " + string.Join(", ", OrderService.PaymentMethods));
        // The order, its lines and a payment already started for it with this method, in one read.
        var toPay = await OrderToPay(db, orderId, memberId, method, ct) ?? throw new NotFoundException("order.not_found", "Order not found.");
        var order = toPay.Order;
        if (order.Status != OrderStatus.PendingPayment)
            throw new DomainException("order.invalid_transition", $"An order that is {EnumText.Snake(order.Status)} cannot be paid.");
        payments.RequireAvailable(method);

        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWorkAsync(ct);
        var payment = payments.Start(tx, toPay.Pending, orderId, method, order.TotalFen, now);
        switch (method)
        {
            case "cod":
                order.MarkPaid("cod", 0, (await settings.GetAsync(ct)).ReviewOverFen, now);
                await OnPaidAsync(order, actor, OrderNotes.Payment("cod"), ct);
                break;
            case "bank_transfer":
                order.ChoosePayment(method, now.AddDays(3));
                timeline.Add(order, "payment_started", OrderNotes.Payment(payment.Method, payment.TradeNo), actor);
                break;
            default:
                order.ChoosePayment(method, order.AutoCancelAt);
                timeline.Add(order, "payment_started", OrderNotes.Payment(payment.Method, payment.TradeNo), actor);
                break;
        }
        await tx.SaveAndCommitAsync(ct);
        return new PaymentStartView(payment.Id, payment.TradeNo, method, EnumText.Snake(payment.Status), Money.ToYuan(payment.AmountFen), EnumText.Snake(order.Status),
            PaymentService.Instructions(payment));
    }

    /// <summary>
    /// Applies a verified gateway notification once; a repeat answers with the first outcome. The payment is read
    /// with its order, lines and member, and saved against the versions it was read at (SQLite transactions begin
    /// with its single write lock, so there deliveries simply queue). In PostgreSQL, of two deliveries that read the
    /// payment pending at the same time, the second to save finds the payment changed; of two payments of one
    /// member's orders, the second finds the member changed (or the spend row of a category new to them already
    /// written). Nothing of the attempt that lost is kept: it starts over in a unit of work of its own (a fresh scope,
    /// so nothing it read or remembered carries over), and a repeat now answers like any repeat. Each round lets at
    /// least one of the racing deliveries through, so <see cref="MaxAttempts"/> covers that many at once for one
    /// member; beyond it the gateway's own retry comes back later.
    /// </summary>
    public static async Task<string> ApplyNotificationAsync(IServiceScopeFactory scopes, string provider, SandboxNotice notice, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<OrderPayments>().ApplyOnceAsync(provider, notice, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts && e.UniqueViolation() is { } index
                && index.Contains("member_category_spends", StringComparison.Ordinal))
            {
            }
        }
    }

    public const int MaxAttempts = 10;

    private async Task<string> ApplyOnceAsync(string provider, SandboxNotice notice, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWorkAsync(ct);
        var (payment, order, member) = await PaymentWithOrder(db, notice.TradeNo, provider, ct)
            ?? throw new NotFoundException("payment.not_found", "No payment has this trade number.");
        var received = await payments.ReceiveAsync(payment, provider, notice, now, ct);
        if (received.Repeat) return PaymentService.Replay(received.Outcome!);

        var outcome = received.Outcome ?? await PaidAsync(payment, order, member, now, ct);
        payments.Record(provider, notice, outcome, now);
        try
        {
            await tx.SaveAndCommitAsync(ct);
        }
        catch (DbUpdateException e) when (received.PaysPending && PaymentService.IsRecordedNotice(e))
        {
            // The same notice id came before with other content (an amount that did not match): nothing of this
            // attempt is kept, and the answer is the one it had then.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return PaymentService.Replay(await payments.SeenAsync(provider, notice.NotifyId, ct) ?? throw new InvalidOperationException("Notice recorded but not found.", e));
        }
        logger.LogInformation("Payment {PaymentId} notification {Outcome}", payment.Id, outcome);
        return PaymentService.Replay(outcome);
    }

    public async Task ConfirmBankTransferAsync(Guid paymentId, Actor actor, CancellationToken ct)
    {
        var payment = await payments.TransferAsync(paymentId, ct);
        await using var tx = await db.BeginWorkAsync(ct);
        var now = clock.GetUtcNow();
        PaymentService.ConfirmTransfer(payment, now);
        await PaidAsync(payment, null, null, now, ct);
        await tx.SaveAndCommitAsync(ct);
        logger.LogInformation("Bank transfer {PaymentId} confirmed by {ActorId}", paymentId, actor.Id);
    }

    /// <summary>
    /// A payment of the order succeeded just now: the order is paid ("paid"), or, when it no longer wants the money
    /// (cancelled, or paid another way), the money goes back in full once this commits ("refunded_late").
    /// </summary>
    private async Task<string> PaidAsync(Payment payment, Order? order, MemberRead? member, DateTimeOffset now, CancellationToken ct)
    {
        order ??= await OrderWithItems(db, payment.OrderId, ct);
        if (order.Status != OrderStatus.PendingPayment)
        {
            refunds.RefundPayment(order, payment, OrderNotes.PaidAfterClose, Actor.System);
            return "refunded_late";
        }
        order.MarkPaid(payment.Method, payment.AmountFen, (await settings.GetAsync(ct)).ReviewOverFen, now);
        await OnPaidAsync(order, Actor.System, OrderNotes.Payment(payment.Method, payment.TradeNo), ct, member);
        return "paid";
    }

    private async Task OnPaidAsync(Order order, Actor actor, string note, CancellationToken ct, MemberRead? member = null)
    {
        timeline.Add(order, "paid", note, actor);
        await coupons.MarkUsedAsync(order.Id, clock.GetUtcNow(), ct);
        if (order.Review == ReviewState.Pending) timeline.Add(order, "review_flagged", order.ReviewReason, Actor.System);
        var first = await stats.RecordPaidAsync(order, ct, member);
        // The tier the member was in when paying: an order that lifts them to a higher tier earns at the old rate.
        var tierMultiplier = (await tiers.CurrentFreshAsync(order.MemberId, ct))?.PointsMultiplier ?? 1m;
        await points.AwardAsync(order, first, ct, member?.Points, tierMultiplier);
        await tiers.UpgradeIfQualifiedAsync(order.MemberId, $"order {order.OrderNo} paid", ct);
        outbox.Add("order.paid", order.Id, new { orderId = order.Id, order.OrderNo, order.MemberId, paidFen = order.PaidFen, totalFen = order.TotalFen, order.PaymentMethod });
    }

    // The statements every checkout runs, compiled once instead of translated from their expression trees per call.
    // The pending payments come as a list joined on (order_id, status): a single payment picked in the query
    // ("first by creation") becomes a window over every pending payment of the shop, read on each call.
    private sealed record OrderPayment(Order Order, List<OrderItem> Items, List<Payment> PendingPayments)
    {
        public Payment? Pending => PendingPayments.MinBy(p => p.CreatedAt);
    }

    // Tracked: the lines land in the order's Items as they are read.
    private static readonly Func<MallDb, Guid, Guid, string, CancellationToken, Task<OrderPayment?>> OrderToPay = EF.CompileAsyncQuery(
        (MallDb db, Guid orderId, Guid memberId, string method, CancellationToken ct) => db.Orders
            .Where(o => o.Id == orderId && o.MemberId == memberId)
            .Select(o => new OrderPayment(o, o.Items.ToList(),
                db.Payments.Where(p => p.OrderId == o.Id && p.Method == method && p.Status == PaymentStatus.Pending).ToList()))
            .SingleOrDefault());
    private sealed record PaymentOrder(Payment Payment, Order Order, List<OrderItem> Items, MemberRead Member)
    {
        public void Deconstruct(out Payment payment, out Order order, out MemberRead member) => (payment, order, member) = (Payment, Order, Member);
    }

    // Tracked, like the order to pay: the lines land in the order's Items, the spends in the member's. The member is
    // read for the statistics a payment updates, with the spends it can change: those of the order's categories and
    // the favourite (a payment only raises spends). A member's other categories would multiply the rows for nothing.
    // The spends' filter refers to nothing outside them but the trade number: a plain join on SQLite too, and subqueries
    // PostgreSQL runs once per read (none of them may look at more than the one payment's order and member).
    private static readonly Func<MallDb, string, string, CancellationToken, Task<PaymentOrder?>> PaymentWithOrder = EF.CompileAsyncQuery(
        (MallDb db, string tradeNo, string method, CancellationToken ct) => (
            from p in db.Payments
            join o in db.Orders on p.OrderId equals o.Id
            join m in db.Members on o.MemberId equals m.Id
            join a in db.PointsAccounts on m.Id equals a.MemberId into accounts
            from a in accounts.DefaultIfEmpty()
            where p.TradeNo == tradeNo && p.Method == method
            select new PaymentOrder(p, o, o.Items.ToList(), new MemberRead(m,
                m.CategorySpends
                    .Where(s => db.Set<OrderItem>().Any(i => i.CategoryId == s.CategoryId && db.Payments.Any(q => q.OrderId == i.OrderId && q.TradeNo == tradeNo))
                        || s.CategoryId == (from q in db.Payments
                                            join x in db.Orders on q.OrderId equals x.Id
                                            join f in db.Members on x.MemberId equals f.Id
                                            where q.TradeNo == tradeNo
                                            select f.FavouriteCategoryId).FirstOrDefault())
                    .ToList(),
                db.MemberTiers.Where(t => t.MemberId == m.Id).Select(t => (Guid?)t.TierId).FirstOrDefault(), a)))
            .SingleOrDefault());
    private static readonly Func<MallDb, Guid, CancellationToken, Task<Order>> OrderWithItems = EF.CompileAsyncQuery(
        (MallDb db, Guid orderId, CancellationToken ct) => db.Orders.Include(o => o.Items).Single(o => o.Id == orderId));
}
