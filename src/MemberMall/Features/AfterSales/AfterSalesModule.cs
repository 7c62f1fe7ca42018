namespace MemberMall.Features.AfterSales;

public static class AfterSalesModule
{
    public static IServiceCollection AddAfterSales(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AfterSalesService>();
        services.AddScoped<AfterSalesQueries>();
        return services;
    }
}
