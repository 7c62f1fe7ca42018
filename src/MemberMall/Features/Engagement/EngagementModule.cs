namespace MemberMall.Features.Engagement;

public static class EngagementModule
{
    public static IServiceCollection AddEngagement(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<EngagementSettingsService>();
        services.AddScoped<CheckIns>();
        services.AddScoped<Referrals>();
        return services;
    }
}
