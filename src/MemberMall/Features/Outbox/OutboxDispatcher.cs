using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Outbox;

/// <summary>Whoever takes outbox events (webhooks). Registered with the dispatcher, which knows nothing of them.</summary>
public interface IOutboxConsumer
{
    /// <summary>Takes claimed events, oldest first, into the consumer's own rows, inside the transaction that marks them processed.</summary>
    Task AcceptAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct);

    /// <summary>Does the slow part (sending) after the events are taken; answers how many items it handled.</summary>
    Task<int> WorkAsync(CancellationToken ct);
}

public sealed class OutboxOptions
{
    /// <summary>Rows claimed per transaction.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>How long a claim holds before another dispatcher may take the rows again (a crashed instance's rows).</summary>
    public int LeaseSeconds { get; set; } = 120;
    /// <summary>Days a processed row is kept before <c>outbox.purge</c> deletes it.</summary>
    public int RetentionDays { get; set; } = 7;
    /// <summary>Seconds between dispatch passes of the background worker (when <c>Jobs:Enabled</c>).</summary>
    public int IntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Hands outbox rows to the consumers in the order they were written, at least once: rows are claimed with a lease
/// (<see cref="OutboxSql.ClaimAsync"/>), taken by the consumers and marked processed in one transaction. A save that
/// finds the lease taken over (the claim ran past its lease and another dispatcher claimed the rows) fails whole.
/// </summary>
public sealed class OutboxDispatcher(MallDb db, IEnumerable<IOutboxConsumer> consumers, TimeProvider clock, IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>One pass: claims and hands over everything unprocessed, then lets each consumer work. Answers rows handed over.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var owner = Guid.NewGuid().ToString("N");
        var batch = Math.Max(1, options.Value.BatchSize);
        var handed = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var ids = await OutboxSql.ClaimAsync(db, owner, now, now.AddSeconds(Math.Max(10, options.Value.LeaseSeconds)), batch, ct);
            if (ids.Count == 0) break;
            try
            {
                await using var work = await db.BeginWorkAsync(ct);
                var rows = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ProcessedAt == null).OrderBy(m => m.Id).ToListAsync(ct);
                foreach (var consumer in consumers) await consumer.AcceptAsync(rows, ct);
                foreach (var row in rows) row.MarkProcessed(now);
                await work.SaveAndCommitAsync(ct);
                handed += rows.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogWarning("Outbox rows claimed by {Owner} were taken over by another dispatcher", owner);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
            if (ids.Count < batch) break;
        }
        foreach (var consumer in consumers) await consumer.WorkAsync(ct);
        return handed;
    }

    /// <summary>Rows not yet handed over.</summary>
    public Task<int> BacklogAsync(CancellationToken ct) => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null, ct);
}
