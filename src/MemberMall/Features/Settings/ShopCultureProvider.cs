using Microsoft.AspNetCore.Localization;

namespace MemberMall.Features.Settings;

/// <summary>The shop's default language, used when the visitor has not picked one (no culture cookie or query).</summary>
public sealed class ShopCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
    {
        var settings = await http.RequestServices.GetRequiredService<ShopSettingsService>().GetAsync(http.RequestAborted);
        return new ProviderCultureResult(settings.DefaultCulture);
    }
}
