using System.Text;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberMall.Tests.Orders;

public class OrderJobIndexTests
{
    /// <summary>
    /// The auto-cancel and auto-complete jobs can read their queues through the partial indexes made for them, which
    /// hold only the orders in the job's status: the query's constant status must match the index's filter, or the
    /// database can only scan every order in that status (or all orders).
    /// </summary>
    [Fact]
    public async Task The_order_jobs_read_their_queues_through_the_partial_indexes()
    {
        await using var app = await MallApp.StartAsync();
        var now = app.Clock.GetUtcNow();
        var (unpaid, delivered) = await app.WithDb(async db => (
            await PlanAsync(db, OrderJob.NextBatch(AutoCancelUnpaidOrders.Due(db, now), new HashSet<Guid>()), "ix_orders_unpaid_auto_cancel_at"),
            await PlanAsync(db, OrderJob.NextBatch(AutoCompleteDeliveredOrders.Due(db, now), new HashSet<Guid>()), "ix_orders_delivered_delivered_at")));

        Assert.Contains("ix_orders_unpaid_auto_cancel_at", unpaid);
        Assert.Contains("ix_orders_delivered_delivered_at", delivered);
    }

    /// <summary>
    /// The plan of <paramref name="query"/> where the index is the way to go. PostgreSQL is told not to read the
    /// test's few rows whole; SQLite, which has no statistics to weigh the status index against the partial one, is
    /// told to use <paramref name="index"/> and refuses the query if the index cannot answer it.
    /// </summary>
    private static async Task<string> PlanAsync(MallDb db, IQueryable<Guid> query, string index)
    {
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        await using var command = query.CreateDbCommand();
        command.Transaction = tx.GetDbTransaction();
        if (db.Database.IsNpgsql()) command.CommandText = "EXPLAIN " + command.CommandText;
        else
        {
            const string From = "FROM \"orders\" AS \"o\"";
            Assert.Contains(From, command.CommandText);
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText.Replace(From, From + " INDEXED BY " + index, StringComparison.Ordinal);
        }
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.AppendLine(reader.GetValue(reader.FieldCount - 1).ToString());
        return plan.ToString();
    }
}
