using System.Globalization;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;

namespace MemberMall.Infrastructure;

public static class ServiceRegistration
{
    /// <summary>
    /// Read-only cached instances: the localization middleware hands a read-only culture to every request and would
    /// clone (and rebuild the number and date formats of) a writable one each time.
    /// </summary>
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];
    public const string CatalogCache = "catalog";

    /// <summary>The shared machinery: clock, errors, validation, OpenAPI, localisation, health, keys.</summary>
    public static IServiceCollection AddMallPlatform(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ErrorHandler>();
        services.AddValidation();
        // Unreadable bodies and parameters raise BadHttpRequestException, which ErrorHandler answers with a code.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(ErrorAnswers.Describe);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new ShopCultureProvider()];
        });
        // Anonymous catalog pages are the same for every shopper: a few seconds of caching serves bursts from memory.
        services.AddOutputCache(o => o.AddPolicy(CatalogCache, p => p.Expire(TimeSpan.FromSeconds(5)).SetVaryByQuery("*").Tag(CatalogCache)));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddDataProtection().SetApplicationName("MemberMall")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton(sp => SecretKeys.Load(config, dataDirectory, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Security")));
        services.AddSingleton<PiiProtector>();
        return services;
    }

    /// <summary><c>GET /culture?culture=en&amp;redirectUri=/admin</c> stores the language choice in a cookie.</summary>
    public static IEndpointRouteBuilder MapCulture(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (Cultures.Any(c => c.Name == culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.MaxValue, HttpOnly = false, SameSite = SameSiteMode.Lax, IsEssential = true });
            // Local means one leading slash: "//host" and "/\\host" are other sites to a browser.
            var target = redirectUri is { Length: > 0 } && redirectUri[0] == '/' && (redirectUri.Length == 1 || redirectUri[1] is not ('/' or '\\'))
                ? redirectUri : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
