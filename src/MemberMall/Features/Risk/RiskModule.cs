namespace MemberMall.Features.Risk;

public static class RiskModule
{
    public static IServiceCollection AddRisk(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<RiskFlags>();
        return services;
    }
}
