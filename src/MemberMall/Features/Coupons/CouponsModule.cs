namespace MemberMall.Features.Coupons;

public static class CouponsModule
{
    public static IServiceCollection AddCoupons(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CouponService>();
        services.AddScoped<CouponRedemption>();
        services.AddScoped<CouponAdmin>();
        services.AddScoped<CouponQueries>();
        return services;
    }
}
