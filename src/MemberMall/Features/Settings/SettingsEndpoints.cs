using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Settings;

public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/shop", async (ShopSettingsService s, CancellationToken ct) => TypedResults.Ok(ShopSettingsService.View(await s.GetAsync(ct))))
            .WithTags("Settings").AllowAnonymous();
        var admin = app.MapGroup("/api/admin/settings").WithTags("Settings");
        admin.MapGet("", async (ShopSettingsService s, CancellationToken ct) => TypedResults.Ok(ShopSettingsService.View(await s.GetAsync(ct))))
            .RequireAuthorization(Permissions.DashboardRead);
        admin.MapPut("", async (SettingsUpdate update, ShopSettingsService s, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(update, Actor.From(http), ct))).RequireAuthorization(Permissions.SettingsWrite)
            .ProducesError(422, "settings.name_required", "settings.currency_unsupported", "settings.time_zone_unknown", "settings.culture_unsupported",
                "settings.timeout_invalid", "settings.amount_invalid");
        return app;
    }
}
