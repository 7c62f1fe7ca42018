using MemberMall.Features.Jobs;

namespace MemberMall.Features.Points;

public static class PointsModule
{
    public static IServiceCollection AddPoints(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PointsLedger>();
        services.AddScoped<OrderPoints>();
        services.AddScoped<PointsQueries>();
        services.AddScoped<PointsAdmin>();
        services.AddScoped<PointsSettingsService>();
        services.AddSingleton<IJob, ReleasePendingPoints>();
        services.AddSingleton<IJob, ExpirePoints>();
        services.AddSingleton<PointsExpiryRun>();
        services.AddSingleton<IJob, RemindExpiringPoints>();
        return services;
    }
}
