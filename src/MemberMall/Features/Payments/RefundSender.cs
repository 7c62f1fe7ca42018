using MemberMall.Common;
using MemberMall.Features.Jobs;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Payments;

/// <summary>
/// Sends pending gateway refunds after the change that owes them has committed. Each is claimed with a lease
/// (a conditional <c>UPDATE</c>, so of two app instances only one sends it) and sent under its refund number,
/// which the gateway treats as idempotent: a refund whose answer was lost (a crash, a timeout) is asked for again
/// when the lease ends and moves no more money. A declined request is tried again later, with growing pauses;
/// money owed is never given up on. Runs when a refund is issued, every few seconds, and as the job
/// <c>payments.send-refunds</c>.
/// </summary>
public sealed class RefundSender(IServiceScopeFactory scopes, SandboxGateway gateway, TimeProvider clock, IOptions<JobOptions> jobs,
    IOptions<SandboxOptions> sandbox, ILogger<RefundSender> logger) : BackgroundService
{
    public const string JobName = "payments.send-refunds";
    /// <summary>How long a claim keeps other senders off a refund whose request is under way.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    /// <summary>The longest wait for a gateway's answer that <see cref="Lease"/> allows: ten seconds before the claim ends.</summary>
    public static readonly TimeSpan LongestRequest = Lease - TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    // The transaction that issued a refund commits right after the wake-up; the next poll covers a slower one.
    private static readonly TimeSpan AfterWake = TimeSpan.FromMilliseconds(100);
    private const int Batch = 100;

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

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: 30 s, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _wake.WaitAsync(PollInterval, stoppingToken)) await Task.Delay(AfterWake, stoppingToken);
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
            var due = await db.Refunds.AsNoTracking()
                .Where(r => r.Status == RefundStatus.Pending && r.NextAttemptAt <= now)
                .OrderBy(r => r.NextAttemptAt)
                .Select(r => new { r.Id, r.OrderId, r.RefundNo, r.AmountFen, r.Attempts })
                .Take(Batch)
                .ToListAsync(ct);
            foreach (var r in due)
            {
                var leaseEnds = now + Lease;
                var claimed = await db.Refunds
                    .Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending && x.NextAttemptAt <= now && (x.ClaimedUntil == null || x.ClaimedUntil <= now))
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(x => x.NextAttemptAt, leaseEnds)
                        .SetProperty(x => x.ClaimedUntil, leaseEnds)
                        .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
                if (claimed == 0) continue; // another sender has it, or finance is settling it
                var attempt = r.Attempts + 1;
                try
                {
                    string providerRefundId;
                    using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
                    {
                        timeout.CancelAfter(TimeSpan.FromSeconds(sandbox.Value.RefundTimeoutSeconds));
                        providerRefundId = await gateway.RefundAsync(r.RefundNo, r.AmountFen, timeout.Token);
                    }
                    var at = clock.GetUtcNow();
                    // The refund's new state and the order's timeline entry commit together.
                    await using var tx = await db.BeginWorkAsync(ct);
                    var recorded = await db.Refunds.Where(x => x.Id == r.Id && x.Status == RefundStatus.Pending)
                        .ExecuteUpdateAsync(u => u
                            .SetProperty(x => x.Status, RefundStatus.Succeeded)
                            .SetProperty(x => x.ProviderRefundId, providerRefundId)
                            .SetProperty(x => x.CompletedAt, at)
                            .SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null)
                            .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                            .SetProperty(x => x.LastError, (string?)null), ct);
                    if (recorded == 0)
                    {
                        // The request outlived its lease and finance settled the refund meanwhile: as the gateway's (it had
                        // taken the request by then, nothing more to do) or, with the gateway not yet aware of it, offline.
                        if (await db.Refunds.AnyAsync(x => x.Id == r.Id && x.Channel == Refund.OfflineChannel, ct))
                            logger.LogCritical("Refund {RefundNo} was paid by the gateway ({ProviderRefundId}) after it had been settled offline: the money went out twice",
                                r.RefundNo, providerRefundId);
                        continue;
                    }
                    timeline.Add(r.OrderId, "refund_sent", r.RefundNo, Actor.System);
                    await tx.SaveAndCommitAsync(ct);
                    sent++;
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
            }
            if (due.Count < Batch) return sent;
        }
    }
}
