namespace MemberMall.Features.Demo;

public static class DemoModule
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<DemoData>();
        services.AddScoped<DemoHistory>();
        services.AddScoped<BulkSeeder>();
        return services;
    }
}
