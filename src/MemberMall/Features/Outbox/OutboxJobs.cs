using MemberMall.Features.Jobs;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Outbox;

/// <summary>One dispatch pass on request (<c>POST /api/admin/jobs/outbox.dispatch/run</c>) and on the job timer.</summary>
public sealed class DispatchOutbox : IJob
{
    public string Name => "outbox.dispatch";
    public string Description => "Hand outbox events to webhooks and send what is due";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<OutboxDispatcher>().DispatchAsync(ct);

    public async Task<long?> BacklogAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<OutboxDispatcher>().BacklogAsync(ct);
}

/// <summary>Deletes processed rows older than <see cref="OutboxOptions.RetentionDays"/>; unprocessed rows stay whatever their age.</summary>
public sealed class PurgeOutbox(IOptions<OutboxOptions> options) : IJob
{
    public string Name => "outbox.purge";
    public string Description => "Delete processed outbox events older than the retention window";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-Math.Max(1, options.Value.RetentionDays));
        return await services.GetRequiredService<MallDb>().OutboxMessages.Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// Dispatches every <see cref="OutboxOptions.IntervalSeconds"/> (5 by default), more often than the minute of the job
/// timer, so a webhook goes out seconds after its change. Off with <c>Jobs:Enabled=false</c> (tests run passes themselves).
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, IOptions<JobOptions> jobs,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox dispatch failed");
            }
        }
    }
}
