using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Tiers;

public sealed record TierInput([property: Required, StringLength(20)] string Code, [property: Required, StringLength(50)] string Name, [property: Range(0, 20)] int Rank,
    [property: Required] string Metric, [property: Range(0, long.MaxValue)] decimal Threshold, string Window = "rolling_days", int WindowDays = 365,
    [property: Range(50, 100)] int PricePercent = 100, decimal PointsMultiplier = 1, decimal RebatePercent = 0, bool FreeShipping = false,
    long BirthdayPoints = 0, bool PriorityService = false);

public sealed record TierView(Guid Id, string Code, string Name, int Rank, string Metric, decimal Threshold, string Window, int WindowDays,
    int PricePercent, decimal PointsMultiplier, decimal RebatePercent, bool FreeShipping, long BirthdayPoints, bool PriorityService);

public sealed record TierChangeView(string? From, string To, string Reason, DateTimeOffset At);

public sealed record MyTier(TierView? Tier, TierProgress? Progress, TierView? Next, IReadOnlyList<TierChangeView> History);

public sealed record TierPriceInput([property: Required] Guid TierId, [property: Range(0.01, 100_000_000)] decimal Price);

public static class TierEndpoints
{
    public static TierView View(Tier t) => new(t.Id, t.Code, t.Name, t.Rank, EnumText.Snake(t.Metric),
        t.Metric == TierMetric.Spend ? Money.ToYuan(t.Threshold) : t.Threshold, EnumText.Snake(t.Window), t.WindowDays, t.PricePercent, t.PointsMultiplier,
        t.RebatePercent, t.FreeShipping, t.BirthdayPoints, t.PriorityService);

    public static IEndpointRouteBuilder MapTiers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/tier", (HttpContext http, TierService tiers, CancellationToken ct) => tiers.MineAsync(MemberId(http.User), ct))
            .WithTags("Tiers").RequireAuthorization(Roles.Member);
        app.MapGet("/api/admin/members/{id:guid}/tier", (Guid id, TierService tiers, CancellationToken ct) => tiers.MineAsync(id, ct))
            .WithTags("Tiers").RequireAuthorization(Permissions.MembersRead);

        var admin = app.MapGroup("/api/admin/tiers").WithTags("Tiers");
        admin.MapGet("", (TierAdmin tiers, CancellationToken ct) => tiers.ListAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("", async (TierInput input, TierAdmin tiers, HttpContext http, CancellationToken ct) =>
        {
            var tier = await tiers.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/tiers/{tier.Id}", tier);
        }).RequireAuthorization(Permissions.SettingsWrite).ProducesError(400, "tier.metric_invalid", "tier.window_invalid").ProducesError(409, "tier.exists")
            .ProducesError(422, "tier.threshold_invalid", "tier.window_invalid", "tier.discount_invalid", "tier.benefit_invalid");
        admin.MapPut("/{id:guid}", (Guid id, TierInput input, TierAdmin tiers, HttpContext http, CancellationToken ct) =>
            tiers.UpdateAsync(id, input, Actor.From(http), ct)).RequireAuthorization(Permissions.SettingsWrite)
            .ProducesError(400, "tier.metric_invalid", "tier.window_invalid").ProducesError(404, "tier.not_found").ProducesError(409, "tier.exists")
            .ProducesError(422, "tier.threshold_invalid", "tier.window_invalid", "tier.discount_invalid", "tier.benefit_invalid");
        app.MapPut("/api/admin/products/{id:guid}/tier-prices", async (Guid id, TierPriceInput[] prices, TierAdmin tiers, HttpContext http, CancellationToken ct) =>
        {
            await tiers.SetPricesAsync(id, prices, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).WithTags("Tiers").RequireAuthorization(Permissions.CatalogWrite).ProducesError(404, "product.not_found", "tier.not_found");
        return app;
    }
}
