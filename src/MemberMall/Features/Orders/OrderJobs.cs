using MemberMall.Common;
using MemberMall.Features.Jobs;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

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
