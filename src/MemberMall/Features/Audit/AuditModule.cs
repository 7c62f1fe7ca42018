namespace MemberMall.Features.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AuditLog>();
        return services;
    }
}
