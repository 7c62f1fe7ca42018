using MemberMall.Features.Jobs;

namespace MemberMall.Features.Rebates;

public static class RebateModule
{
    public static IServiceCollection AddRebates(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RebateSettingsService>();
        services.AddScoped<RebateLedger>();
        services.AddScoped<RebateService>();
        services.AddScoped<Withdrawals>();
        services.AddScoped<RebateAdmin>();
        services.AddSingleton<IJob, ReleaseRebates>();
        services.AddSingleton<IJob, SettleRebates>();
        services.AddSingleton<RebateSettlementRun>();
        return services;
    }
}
