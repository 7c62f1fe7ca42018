using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Jobs;

/// <summary>
/// Deletes stored answers to <c>Idempotency-Key</c> requests once their retention window has passed
/// (<see cref="JobOptions.IdempotencyRetentionHours"/>): a client retries within minutes, not days, and old answers
/// are personal data nobody needs.
/// </summary>
public sealed class PurgeIdempotencyRecords(IOptions<JobOptions> options) : IJob
{
    public string Name => "idempotency.purge";
    public string Description => "Delete stored Idempotency-Key answers older than the retention window";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-Math.Max(1, options.Value.IdempotencyRetentionHours));
        var db = services.GetRequiredService<MallDb>();
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
