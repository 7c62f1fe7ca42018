using MemberMall.Features.Jobs;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Messages;

/// <summary>Deletes read messages created more than <see cref="MessageOptions.RetentionDays"/> ago; unread ones stay whatever their age.</summary>
public sealed class PurgeMessages(IOptions<MessageOptions> options) : IJob
{
    public string Name => "messages.purge";
    public string Description => "Delete read member messages older than the retention window";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-Math.Max(1, options.Value.RetentionDays));
        return await services.GetRequiredService<MallDb>().MemberMessages.Where(m => m.ReadAt != null && m.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
