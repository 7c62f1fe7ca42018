namespace MemberMall.Features.Jobs;

public static class JobModule
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JobOptions>(config.GetSection("Jobs"));
        services.AddSingleton<IJob, PurgeIdempotencyRecords>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }
}
