using MemberMall.Features.Jobs;
using MemberMall.Features.Outbox;

namespace MemberMall.Features.Messages;

public static class MessagesModule
{
    public static IServiceCollection AddMessages(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MessageOptions>(config.GetSection("Messages"));
        services.AddScoped<MessageCenter>();
        services.AddScoped<IOutboxConsumer, MessageOutbox>();
        services.AddSingleton<IJob, PurgeMessages>();
        services.AddScoped<NotificationSettings>();
        // The data directory as Program resolves it: Storage:DataDirectory, relative to the content root.
        services.AddSingleton(sp => new FileMailbox(
            Path.Combine(Path.GetFullPath(config["Storage:DataDirectory"] ?? "data", sp.GetRequiredService<IHostEnvironment>().ContentRootPath), "outbox-mail"),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FileMailbox>>()));
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<FileMailbox>());
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<FileMailbox>());
        return services;
    }
}
