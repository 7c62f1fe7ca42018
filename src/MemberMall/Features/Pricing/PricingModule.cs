namespace MemberMall.Features.Pricing;

public static class PricingModule
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PriceCalculator>();
        return services;
    }
}
