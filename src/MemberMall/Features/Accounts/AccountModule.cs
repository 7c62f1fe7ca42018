namespace MemberMall.Features.Accounts;

public static class AccountModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<SessionTokens>();
        services.AddScoped<LoginService>();
        services.AddScoped<StaffService>();
        services.AddScoped<ApiKeyService>();
        return services;
    }
}
