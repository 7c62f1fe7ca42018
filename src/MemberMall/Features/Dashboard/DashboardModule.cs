namespace MemberMall.Features.Dashboard;

public static class DashboardModule
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<DashboardService>();
        return services;
    }
}
