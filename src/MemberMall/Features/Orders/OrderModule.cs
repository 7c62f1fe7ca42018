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
        services.AddScoped<OrderPayments>();
        services.AddScoped<OrderRefunds>();
        services.AddScoped<OrderRefundQueue>();
        services.AddSingleton<RefundSending>();
        services.AddHostedService(sp => sp.GetRequiredService<RefundSending>());
        // Refunds first: the job runner takes jobs in the order they are added.
        services.AddSingleton<IJob, SendPendingRefunds>();
        services.AddSingleton<IJob, AutoCancelUnpaidOrders>();
        services.AddSingleton<IJob, AutoCompleteDeliveredOrders>();
        return services;
    }
}
