namespace MemberMall.Features.Members;

public static class MemberModule
{
    public static IServiceCollection AddMembers(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Registration>();
        services.AddScoped<MemberProfile>();
        services.AddScoped<MemberSearch>();
        services.AddScoped<MemberAdmin>();
        services.AddScoped<MemberExport>();
        services.AddScoped<ConsumptionStats>();
        return services;
    }
}
