namespace MemberMall.Features.Settings;

public static class SettingsModule
{
    public static IServiceCollection AddSettings(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ShopSettingsService>();
        return services;
    }
}
