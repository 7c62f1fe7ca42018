namespace MemberMall.Features.Stock;

public static class StockModule
{
    public static IServiceCollection AddStock(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<StockService>();
        return services;
    }
}
