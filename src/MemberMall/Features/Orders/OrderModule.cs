using MemberMall.Features.Jobs;

namespace MemberMall.Features.Orders;

public static class OrderModule
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<OrderTimeline>();
        services.AddScoped<OrderService>();
        services.AddScoped<OrderActions>();
        services.AddScoped<OrderQueries>();
        services.AddSingleton<IJob, AutoCancelUnpaidOrders>();
        services.AddSingleton<IJob, AutoCompleteDeliveredOrders>();
        return services;
    }
}
