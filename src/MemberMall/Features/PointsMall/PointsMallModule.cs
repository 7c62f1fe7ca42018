namespace MemberMall.Features.PointsMall;

public static class PointsMallModule
{
    public static IServiceCollection AddPointsMall(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PointsMallService>();
        services.AddScoped<PointsMallAdmin>();
        services.AddScoped<PointsMallQueries>();
        return services;
    }
}
