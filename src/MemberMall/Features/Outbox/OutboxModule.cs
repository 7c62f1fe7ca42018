using MemberMall.Features.Jobs;

namespace MemberMall.Features.Outbox;

public static class OutboxModule
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<OutboxOptions>(config.GetSection("Outbox"));
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<IJob, DispatchOutbox>();
        services.AddSingleton<IJob, PurgeOutbox>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
