namespace MemberMall.Features.Loyalty;

public static class LoyaltyModule
{
    public static IServiceCollection AddLoyalty(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<LoyaltySettingsAdmin>();
        return services;
    }
}
