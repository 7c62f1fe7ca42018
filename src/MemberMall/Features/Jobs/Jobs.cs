using MemberMall.Common;
using MemberMall.Features.Accounts;

namespace MemberMall.Features.Jobs;

public sealed record JobResult(string Name, int Processed, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>
/// A scheduled job. Each run must be idempotent and safe beside a run on another app instance: jobs take
/// rows one at a time with a version check, so two runners never apply the same change twice.
/// </summary>
public interface IJob
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Rows waiting for the job, where that is cheap to count (the outbox); null otherwise.</summary>
    Task<long?> BacklogAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult<long?>(null);
}

public sealed record JobView(string Name, string Description, long? Backlog);

public sealed class JobOptions
{
    public bool Enabled { get; set; } = true;
    public int IntervalSeconds { get; set; } = 60;
    /// <summary>Rows a sweeping job (points expiry, rebate settlement) takes per transaction.</summary>
    public int BatchSize { get; set; } = 5_000;
    /// <summary>How long a stored answer to an <c>Idempotency-Key</c> request is kept (hours, at least 1).</summary>
    public int IdempotencyRetentionHours { get; set; } = 24;
}

/// <summary>Runs every job on a timer, and any job at once on request.</summary>
public sealed class JobRunner(IEnumerable<IJob> jobs, IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<JobOptions> options, ILogger<JobRunner> logger) : BackgroundService
{
    public IReadOnlyList<IJob> Jobs { get; } = jobs.ToList();

    public async Task<List<JobView>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var views = new List<JobView>();
        foreach (var job in Jobs) views.Add(new JobView(job.Name, job.Description, await job.BacklogAsync(scope.ServiceProvider, ct)));
        return views;
    }

    public async Task<JobResult> RunAsync(string name, CancellationToken ct)
    {
        var job = Jobs.SingleOrDefault(j => j.Name == name) ?? throw new NotFoundException("job.not_found", $"There is no job '{name}'.");
        var started = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var processed = await job.RunAsync(scope.ServiceProvider, ct);
        if (processed > 0) logger.LogInformation("Job {Job} processed {Count} rows", name, processed);
        return new JobResult(name, processed, started, clock.GetUtcNow());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var job in Jobs)
            {
                try
                {
                    await RunAsync(job.Name, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Job {Job} failed", job.Name);
                }
            }
        }
    }
}
