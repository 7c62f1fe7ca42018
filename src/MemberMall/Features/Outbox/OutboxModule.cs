namespace MemberMall.Features.Outbox;

public static class OutboxModule
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Outbox>();
        return services;
    }
}
