using MemberMall.Common;
using MemberMall.Features.Jobs;
using MemberMall.Features.Payments;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Orders;

/// <summary>The refund sender as a job staff can start at once.</summary>
public sealed class SendPendingRefunds(RefundSending sending) : IJob
{
    public string Name => RefundSender.JobName;
    public string Description => "Send refunds owed through the payment gateway, and retry those it declined";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) => sending.SendDueAsync(ct);
}

/// <summary>
/// Sends the refunds owed through the gateway (<see cref="RefundSender"/>) when one is issued, every few seconds, and as
/// the job <see cref="RefundSender.JobName"/>, and writes <c>refund_sent</c> in the order's timeline and a <c>refund.sent</c>
/// outbox row with each one the gateway took.
/// </summary>
public sealed class RefundSending(IServiceScopeFactory scopes, RefundSender sender, TimeProvider clock, IOptions<JobOptions> jobs,
    ILogger<RefundSending> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.WaitAsync(stoppingToken);
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sending pending refunds failed");
            }
        }
    }

    /// <summary>Sends every refund due now; answers how many the gateway took.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var timeline = scope.ServiceProvider.GetRequiredService<OrderTimeline>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox.Outbox>();
            var due = await sender.DueAsync(db, now, ct);
            foreach (var r in due)
            {
                if (await sender.SendAsync(db, r, now, ct) is not { } taken) continue;
                // The refund's new state and the order's timeline entry commit together.
                await using var tx = await db.BeginWorkAsync(ct);
                if (!await sender.RecordSentAsync(db, taken, ct)) continue;
                timeline.Add(r.OrderId, "refund_sent", r.RefundNo, Actor.System);
                var order = await db.Orders.AsNoTracking().Where(o => o.Id == r.OrderId).Select(o => new { o.MemberId, o.OrderNo }).SingleAsync(ct);
                outbox.Add("refund.sent", r.OrderId, new { refundId = r.Id, r.RefundNo, orderId = r.OrderId, order.OrderNo, order.MemberId, amountFen = r.AmountFen });
                await tx.SaveAndCommitAsync(ct);
                sent++;
            }
            if (due.Count < RefundSender.Batch) return sent;
        }
    }
}

/// <summary>Unpaid orders past their payment deadline are cancelled and their stock released.</summary>
public sealed class AutoCancelUnpaidOrders : IJob
{
    public string Name => "orders.auto-cancel";
    public string Description => "Cancel unpaid orders past their payment deadline and release their stock";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        OrderJob.EachAsync(services, Due, (actions, id, ct2) => actions.CancelAsync(id, null, OrderNotes.PaymentDeadlinePassed, Actor.System, ct2), ct);

    /// <summary>Unpaid orders whose deadline has passed, the earliest first: read in order from their partial index.</summary>
    internal static IQueryable<Order> Due(MallDb db, DateTimeOffset now) =>
        db.Orders.Where(o => o.Status == OrderStatus.PendingPayment && o.AutoCancelAt <= now).OrderBy(o => o.AutoCancelAt);
}

/// <summary>Delivered orders complete after the configured number of days.</summary>
public sealed class AutoCompleteDeliveredOrders : IJob
{
    public string Name => "orders.auto-complete";
    public string Description => "Complete delivered orders after the configured number of days";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var days = (await services.GetRequiredService<OrderActions>().SettingsAsync(ct)).AutoCompleteDays;
        return await OrderJob.EachAsync(services, (db, now) => Due(db, now.AddDays(-days)), (actions, id, ct2) => actions.CompleteAsync(id, Actor.System, ct2), ct);
    }

    /// <summary>Orders delivered before <paramref name="before"/>, the earliest first: read in order from their partial index.</summary>
    internal static IQueryable<Order> Due(MallDb db, DateTimeOffset before) =>
        db.Orders.Where(o => o.Status == OrderStatus.Delivered && o.DeliveredAt <= before).OrderBy(o => o.DeliveredAt);
}

internal static class OrderJob
{
    private const int Batch = 200;

    /// <summary>The ids of the next due orders to change, leaving out those another runner changed first.</summary>
    internal static IQueryable<Guid> NextBatch(IQueryable<Order> due, HashSet<Guid> skipped) =>
        due.Where(o => !skipped.Contains(o.Id)).Select(o => o.Id).Take(Batch);

    /// <summary>
    /// Applies <paramref name="change"/> to each due order (in the order <paramref name="due"/> gives) in its own
    /// transaction; one that another runner changed first is skipped.
    /// </summary>
    public static async Task<int> EachAsync(IServiceProvider services, Func<MallDb, DateTimeOffset, IQueryable<Order>> due,
        Func<OrderActions, Guid, CancellationToken, Task<Order>> change, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var done = 0;
        List<Guid> ids;
        var skipped = new HashSet<Guid>();
        do
        {
            await using (var read = scopes.CreateAsyncScope())
            {
                var db = read.ServiceProvider.GetRequiredService<MallDb>();
                ids = await NextBatch(due(db, now), skipped).ToListAsync(ct);
            }
            foreach (var id in ids)
            {
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await change(scope.ServiceProvider.GetRequiredService<OrderActions>(), id, ct);
                    done++;
                }
                catch (Exception e) when (e is DbUpdateConcurrencyException or DomainException)
                {
                    skipped.Add(id);
                }
            }
        } while (ids.Count == Batch);
        return done;
    }
}
