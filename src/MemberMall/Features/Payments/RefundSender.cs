using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Payments;

/// <summary>A pending gateway refund due to be sent.</summary>
public sealed record DueRefund(Guid Id, Guid OrderId, string RefundNo, long AmountFen, int Attempts);

/// <summary>A due refund the gateway took under its refund number, answering with its own id.</summary>
public sealed record SentRefund(DueRefund Refund, string ProviderRefundId, DateTimeOffset At);

/// <summary>
/// Sends pending gateway refunds after the change that owes them has committed. Each is claimed with a lease
/// (a conditional <c>UPDATE</c>, so of two app instances only one sends it) and sent under its refund number,
/// which the gateway treats as idempotent: a refund whose answer was lost (a crash, a timeout) is asked for again
/// when the lease ends and moves no more money. A declined request is tried again later, with growing pauses;
/// money owed is never given up on. The loop that runs it (when a refund is issued, every few seconds, and as the
/// job <c>payments.send-refunds</c>) is the Orders feature's, which writes the order's timeline with each refund sent.
/// </summary>
public sealed class RefundSender(SandboxGateway gateway, TimeProvider clock, IOptions<SandboxOptions> sandbox, ILogger<RefundSender> logger)
{
    public const string JobName = "payments.send-refunds";
    /// <summary>How long a claim keeps other senders off a refund whose request is under way.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    /// <summary>The longest wait for a gateway's answer that <see cref="Lease"/> allows: ten seconds before the claim ends.</summary>
    public static readonly TimeSpan LongestRequest = Lease - TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    // The transaction that issued a refund commits right after the wake-up; the next poll covers a slower one.
    private static readonly TimeSpan AfterWake = TimeSpan.FromMilliseconds(100);
    /// <summary>Refunds read per round of <see cref="DueAsync"/>; a full batch means there may be more.</summary>
    public const int Batch = 100;

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>A refund was issued: look soon.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits until it is time to look again: a little after a wake-up, or the poll interval.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        if (await _wake.WaitAsync(PollInterval, ct)) await Task.Delay(AfterWake, ct);
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: 30 s, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    /// <summary>The next <see cref="Batch"/> refunds due at <paramref name="now"/>, the longest due first.</summary>
    public Task<List<DueRefund>> DueAsync(MallDb db, DateTimeOffset now, CancellationToken ct) =>
        db.Refunds.AsNoTracking()
            .Where(r => r.Status == RefundStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt)
            .Select(r => new DueRefund(r.Id, r.OrderId, r.RefundNo, r.AmountFen, r.Attempts))
            .Take(Batch)
            .ToListAsync(ct);

    /// <summary>
    /// Claims a due refund and asks the gateway for it. Answers what the gateway took, to be recorded with
    /// <see cref="RecordSentAsync"/>; null when another sender (or finance) has the refund, or the gateway declined it or did
    /// not answer in time (then the refund says so and is asked for again later).
    /// </summary>
    public async Task<SentRefund?> SendAsync(MallDb db, DueRefund r, DateTimeOffset now, CancellationToken ct)
    {
        var leaseEnds = now + Lease;
        var claimed = await db.Refunds
            .Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending && x.NextAttemptAt <= now && (x.ClaimedUntil == null || x.ClaimedUntil <= now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.NextAttemptAt, leaseEnds)
                .SetProperty(x => x.ClaimedUntil, leaseEnds)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (claimed == 0) return null; // another sender has it, or finance is settling it
        var attempt = r.Attempts + 1;
        try
        {
            string providerRefundId;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(sandbox.Value.RefundTimeoutSeconds));
                providerRefundId = await gateway.RefundAsync(r.RefundNo, r.AmountFen, timeout.Token);
            }
            return new SentRefund(r, providerRefundId, clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // No answer in time: the gateway may still have taken it. The refund stays claimed until the lease
            // ends (finance cannot settle it meanwhile) and is then asked for again under the same number, which
            // moves no more money if the first request went through.
            var error = $"No answer from the gateway within {sandbox.Value.RefundTimeoutSeconds} s.";
            await db.Refunds.Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastError, error), ct);
            logger.LogWarning("Refund {RefundNo} got no answer from the gateway on attempt {Attempt}; asked again after {LeaseEnds}",
                r.RefundNo, attempt, leaseEnds);
        }
        catch (RefundDeclinedException e)
        {
            var retryAt = clock.GetUtcNow() + Backoff(attempt);
            var error = e.Message.Length > Refund.MaxErrorLength ? e.Message[..Refund.MaxErrorLength] : e.Message;
            // The pause after a decline, unless finance asked for a retry while the request was out: the due time is
            // then no longer the lease end the claim set, and it stays.
            await db.Refunds.Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.NextAttemptAt, x => x.NextAttemptAt == leaseEnds ? retryAt : x.NextAttemptAt)
                    .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(x => x.LastError, error), ct);
            logger.LogWarning("Refund {RefundNo} was declined by the gateway on attempt {Attempt}: {Error}; next attempt at {RetryAt}",
                r.RefundNo, attempt, error, retryAt);
        }
        return null;
    }

    /// <summary>
    /// Records a refund the gateway took as paid, in the caller's unit of work. False when finance settled it meanwhile
    /// (the request outlived its lease): then there is nothing to record.
    /// </summary>
    public async Task<bool> RecordSentAsync(MallDb db, SentRefund sent, CancellationToken ct)
    {
        var r = sent.Refund;
        var recorded = await db.Refunds.Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Status, RefundStatus.Succeeded)
                .SetProperty(x => x.ProviderRefundId, sent.ProviderRefundId)
                .SetProperty(x => x.CompletedAt, sent.At)
                .SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(x => x.LastError, (string?)null), ct);
        if (recorded > 0) return true;
        // Finance settled the refund while the request was out: as the gateway's (it had taken the request by then,
        // nothing more to do) or, with the gateway not yet aware of it, offline.
        if (await db.Refunds.AnyAsync(x => x.Id == r.Id && x.Channel == Refund.OfflineChannel, ct))
            logger.LogCritical("Refund {RefundNo} was paid by the gateway ({ProviderRefundId}) after it had been settled offline: the money went out twice",
                r.RefundNo, sent.ProviderRefundId);
        return false;
    }
}
