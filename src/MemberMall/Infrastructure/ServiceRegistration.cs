using System.Globalization;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Features.Demo;
using MemberMall.Features.Members;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;

namespace MemberMall.Infrastructure;

public static class ServiceRegistration
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>The shared machinery: clock, errors, validation, OpenAPI, localisation, health, keys.</summary>
    public static IServiceCollection AddMallPlatform(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddExceptionHandler<ErrorHandler>();
        services.AddValidation();
        services.AddOpenApi();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddDataProtection().SetApplicationName("MemberMall")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddSingleton(sp => SecretKeys.Load(config, dataDirectory, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Security")));
        services.AddSingleton<PiiProtector>();
        return services;
    }

    public static IServiceCollection AddMallFeatures(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<SessionTokens>();
        services.AddScoped<LoginService>();
        services.AddScoped<StaffService>();
        services.AddScoped<Registration>();
        services.AddScoped<MemberProfile>();
        services.AddScoped<MemberSearch>();
        services.AddScoped<MemberAdmin>();
        services.AddScoped<MemberExport>();
        services.AddScoped<ShopSettingsService>();
        services.AddScoped<DemoData>();
        services.AddScoped<BulkSeeder>();
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
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//") ? redirectUri : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
