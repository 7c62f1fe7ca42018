using MemberMall.Features.Jobs;

namespace MemberMall.Features.Tiers;

public static class TierModule
{
    public static IServiceCollection AddTiers(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<TierSettingsService>();
        services.AddScoped<TierService>();
        services.AddScoped<TierAdmin>();
        services.AddSingleton<IJob, ReevaluateTiers>();
        return services;
    }
}
