using MemberMall.Features.Outbox;

namespace MemberMall.Features.Webhooks;

public static class WebhookModule
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WebhookOptions>(config.GetSection("Webhooks"));
        services.AddSingleton<WebhookAddresses>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookAdmin>();
        services.AddScoped<IOutboxConsumer, WebhookOutbox>();
        services.AddHttpClient(WebhookAddresses.HttpClientName, (sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.TimeoutSeconds)))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Redirects would lead past the address check to wherever the receiver points.
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookAddresses>().ConnectAsync,
            });
        return services;
    }
}
