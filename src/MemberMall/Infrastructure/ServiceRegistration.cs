using System.Globalization;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Features.Dashboard;
using MemberMall.Features.Demo;
using MemberMall.Features.Members;
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
        services.AddOpenApi();
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

    public static IServiceCollection AddMallFeatures(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<Features.Payments.SandboxOptions>().Bind(config.GetSection("Payments:Sandbox"))
            .Validate(o => !o.Enabled || o.Secret.Length >= 16, "Payments:Sandbox:Secret must be at least 16 characters when the sandbox is enabled.")
            .Validate(o => o.RefundTimeoutSeconds >= 1 && o.RefundTimeoutSeconds <= Features.Payments.RefundSender.LongestRequest.TotalSeconds,
                $"Payments:Sandbox:RefundTimeoutSeconds must be between 1 and {Features.Payments.RefundSender.LongestRequest.TotalSeconds} "
                + $"(the refund sender's lease is {Features.Payments.RefundSender.Lease.TotalSeconds} s).")
            .ValidateOnStart();
        services.Configure<Features.Jobs.JobOptions>(config.GetSection("Jobs"));
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
        services.AddScoped<DemoHistory>();
        services.AddScoped<Features.Outbox.Outbox>();
        services.AddScoped<Features.Stock.StockService>();
        services.AddScoped<Features.Catalog.CatalogQueries>();
        services.AddScoped<Features.Catalog.CatalogAdmin>();
        services.AddScoped<Features.Catalog.ProductAdminQueries>();
        services.AddScoped<Features.Pricing.PriceCalculator>();
        services.AddScoped<Features.Reviews.ReviewService>();
        services.AddScoped<Features.Points.PointsLedger>();
        services.AddScoped<Features.Tiers.TierService>();
        services.AddScoped<Features.Tiers.TierAdmin>();
        services.AddScoped<Features.Engagement.CheckIns>();
        services.AddScoped<Features.Rebates.RebateLedger>();
        services.AddScoped<Features.Rebates.RebateService>();
        services.AddScoped<Features.Rebates.Withdrawals>();
        services.AddScoped<Features.Rebates.RebateAdmin>();
        services.AddSingleton<Features.Jobs.IJob, Features.Rebates.ReleaseRebates>();
        services.AddSingleton<Features.Jobs.IJob, Features.Rebates.SettleRebates>();
        services.AddSingleton<Features.Rebates.RebateSettlementRun>();
        services.AddScoped<Features.Engagement.Referrals>();
        services.AddSingleton<Features.Risk.RiskFlags>();
        services.AddSingleton<Features.Jobs.IJob, Features.Tiers.ReevaluateTiers>();
        services.AddScoped<Features.Points.OrderPoints>();
        services.AddScoped<Features.Points.PointsQueries>();
        services.AddScoped<Features.Points.PointsAdmin>();
        services.AddScoped<Features.Points.PointsSettingsService>();
        services.AddScoped<Features.Tiers.TierSettingsService>();
        services.AddScoped<Features.Rebates.RebateSettingsService>();
        services.AddScoped<Features.Engagement.EngagementSettingsService>();
        services.AddScoped<Features.Loyalty.LoyaltySettingsAdmin>();
        services.AddSingleton<Features.Jobs.IJob, Features.Points.ReleasePendingPoints>();
        services.AddSingleton<Features.Jobs.IJob, Features.Points.ExpirePoints>();
        services.AddSingleton<Features.Points.PointsExpiryRun>();
        services.AddSingleton<Features.Jobs.IJob, Features.Points.RemindExpiringPoints>();
        services.AddScoped<Features.PointsMall.PointsMallService>();
        services.AddScoped<Features.PointsMall.PointsMallAdmin>();
        services.AddScoped<Features.PointsMall.PointsMallQueries>();
        services.AddScoped<Features.Cart.CartService>();
        services.AddScoped<Features.Orders.OrderTimeline>();
        services.AddScoped<Features.Orders.OrderService>();
        services.AddScoped<Features.Orders.OrderActions>();
        services.AddScoped<Features.Orders.OrderQueries>();
        services.AddScoped<Features.Members.ConsumptionStats>();
        services.AddScoped<Features.Payments.PaymentService>();
        services.AddScoped<Features.Payments.RefundService>();
        services.AddScoped<Features.AfterSales.AfterSalesService>();
        services.AddScoped<Features.AfterSales.AfterSalesQueries>();
        services.AddSingleton<Features.Payments.SandboxGateway>();
        services.AddSingleton(System.Threading.Channels.Channel.CreateUnbounded<Features.Payments.SandboxNotice>());
        services.AddHttpClient(Features.Payments.SandboxDelivery.ClientName);
        services.AddHostedService<Features.Payments.SandboxDelivery>();
        services.AddSingleton<Features.Payments.RefundSender>();
        services.AddScoped<Features.Payments.RefundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Payments.RefundSender>());
        services.AddSingleton<Features.Jobs.IJob, Features.Payments.SendPendingRefunds>();
        services.AddSingleton<Features.Jobs.IJob, Features.Orders.AutoCancelUnpaidOrders>();
        services.AddSingleton<Features.Jobs.IJob, Features.Orders.AutoCompleteDeliveredOrders>();
        services.AddSingleton<Features.Jobs.JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Jobs.JobRunner>());
        services.AddScoped<DashboardService>();
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
