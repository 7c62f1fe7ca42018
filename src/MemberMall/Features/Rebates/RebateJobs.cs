using MemberMall.Features.Jobs;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Rebates;

/// <summary>Pending rebates past the return window are credited (immediate mode) or held for settlement.</summary>
public sealed class ReleaseRebates : IJob
{
    public string Name => "rebates.release";
    public string Description => "Credit or hold rebates whose return window has closed";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        List<Guid> ids;
        await using (var read = scopes.CreateAsyncScope())
            ids = await read.ServiceProvider.GetRequiredService<MallDb>().RebateAccruals.AsNoTracking()
                .Where(a => a.Status == AccrualStatus.Pending && a.AvailableAt <= now).Select(a => a.Id).ToListAsync(ct);
        var done = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            try
            {
                await using var tx = await db.BeginWorkAsync(ct);
                var accrual = await db.RebateAccruals.SingleAsync(a => a.Id == id, ct);
                if (await scope.ServiceProvider.GetRequiredService<RebateService>().ReleaseAsync(accrual, ct)) done++;
                await tx.SaveAndCommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another runner released it first.
            }
        }
        return done;
    }
}

/// <summary>The monthly or quarterly settlement run: one statement per member for the last closed period.</summary>
public sealed class SettleRebates : IJob
{
    public string Name => "rebates.settle";
    public string Description => "Settle held rebates of the last closed month or quarter into statements";

    public async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var rules = await services.GetRequiredService<RebateSettingsService>().GetAsync(ct);
        if (rules.Settlement == SettlementMode.Immediate) return 0;
        var shop = await services.GetRequiredService<ShopSettingsService>().GetAsync(ct);
        var (start, end) = RebateService.LastPeriod(rules.Settlement, shop.Today(services.GetRequiredService<TimeProvider>().GetUtcNow()));
        return await services.GetRequiredService<RebateSettlementRun>().RunAsync(start, end, shop.Zone, ct);
    }
}
