using MemberMall.Features.Jobs;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Tiers;

/// <summary>Re-evaluates every member above the entry level under the downgrade policy.</summary>
public sealed class ReevaluateTiers : IJob
{
    public string Name => "tiers.reevaluate";
    public string Description => "Re-evaluate member tiers and apply the downgrade policy";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        List<Guid> members;
        await using (var read = scopes.CreateAsyncScope())
            members = await read.ServiceProvider.GetRequiredService<MallDb>().MemberTiers.AsNoTracking().Select(m => m.MemberId).ToListAsync(ct);
        var changed = 0;
        foreach (var memberId in members)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<TierService>().ReevaluateAsync(memberId, ct)) changed++;
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another runner changed this member's tier first.
            }
        }
        return changed;
    }
}
