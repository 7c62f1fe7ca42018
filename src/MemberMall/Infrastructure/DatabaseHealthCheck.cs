using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MemberMall.Infrastructure;

public sealed class DatabaseHealthCheck(MallDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
}
