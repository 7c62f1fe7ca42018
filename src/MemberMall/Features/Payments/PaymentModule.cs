namespace MemberMall.Features.Payments;

public static class PaymentModule
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SandboxOptions>().Bind(config.GetSection("Payments:Sandbox"))
            .Validate(o => !o.Enabled || o.Secret.Length >= 16, "Payments:Sandbox:Secret must be at least 16 characters when the sandbox is enabled.")
            .Validate(o => o.RefundTimeoutSeconds >= 1 && o.RefundTimeoutSeconds <= RefundSender.LongestRequest.TotalSeconds,
                $"Payments:Sandbox:RefundTimeoutSeconds must be between 1 and {RefundSender.LongestRequest.TotalSeconds} "
                + $"(the refund sender's lease is {RefundSender.Lease.TotalSeconds} s).")
            .ValidateOnStart();
        services.AddScoped<PaymentService>();
        services.AddScoped<RefundService>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton(System.Threading.Channels.Channel.CreateUnbounded<SandboxNotice>());
        services.AddHttpClient(SandboxDelivery.ClientName);
        services.AddHostedService<SandboxDelivery>();
        services.AddSingleton<RefundSender>();
        services.AddScoped<RefundQueue>();
        return services;
    }
}
