using System.Text.Json.Serialization;
using MemberMall.Components;
using MemberMall.Features.Accounts;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Audit;
using MemberMall.Features.Cart;
using MemberMall.Features.Coupons;
using MemberMall.Features.Catalog;
using MemberMall.Features.Dashboard;
using MemberMall.Features.Demo;
using MemberMall.Features.Engagement;
using MemberMall.Features.Exports;
using MemberMall.Features.Jobs;
using MemberMall.Features.Members;
using MemberMall.Features.Loyalty;
using MemberMall.Features.Messages;
using MemberMall.Features.Orders;
using MemberMall.Features.Outbox;
using MemberMall.Features.Payments;
using MemberMall.Features.Points;
using MemberMall.Features.PointsMall;
using MemberMall.Features.Pricing;
using MemberMall.Features.Rebates;
using MemberMall.Features.Reviews;
using MemberMall.Features.Risk;
using MemberMall.Features.Settings;
using MemberMall.Features.Stock;
using MemberMall.Features.Tiers;
using MemberMall.Features.Webhooks;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var dataDirectory = Path.GetFullPath(config["Storage:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);

builder.Services.AddMallDb(config, dataDirectory);
builder.Services.AddMallPlatform(config, dataDirectory);
builder.Services.AddMallAuth(config);

builder.Services.AddAccounts(config);
builder.Services.AddAudit(config);
builder.Services.AddSettings(config);
builder.Services.AddMembers(config);
builder.Services.AddCatalog(config);
builder.Services.AddStock(config);
builder.Services.AddCoupons(config);
builder.Services.AddPricing(config);
builder.Services.AddCart(config);
builder.Services.AddOutbox(config);
builder.Services.AddWebhooks(config);
builder.Services.AddMessages(config);
builder.Services.AddReviews(config);
// The job runner takes jobs in the order they are added: rebates, tiers, points, refunds, then orders.
builder.Services.AddRebates(config);
builder.Services.AddTiers(config);
builder.Services.AddPoints(config);
builder.Services.AddLoyalty(config);
builder.Services.AddEngagement(config);
builder.Services.AddRisk(config);
builder.Services.AddPointsMall(config);
builder.Services.AddPayments(config);
builder.Services.AddOrders(config);
builder.Services.AddAfterSales(config);
builder.Services.AddDashboard(config);
builder.Services.AddDemo(config);
builder.Services.AddJobs(config);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidator>();
builder.Services.AddScoped<MemberMall.Components.Shared.CartState>();
builder.Services.AddScoped<MemberMall.Components.Shared.MessageState>();
// Bottom centre: top-right messages cover the page's main action buttons, and it suits a phone too.
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // Enums travel as their names only: a number would be stored as a value outside the set.
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.Converters.Add(new BoundedTextConverter());
});

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args)) return;
await Startup.PrepareAsync(app, dataDirectory);

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseMiddleware<RequestGuard>();
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseRequestLocalization();
app.MapStaticAssets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAntiforgery();
app.UseMiddleware<MemberMall.Infrastructure.Idempotency.IdempotencyMiddleware>();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", o => o.WithTitle("MemberMall API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapHealthChecks("/health");
app.MapCulture();
// Every feature's routes declare the errors their shape implies (400, 401, 403, 404, 409) beside their own.
var features = app.MapGroup("").ProducesCommonErrors();
features.MapAccounts();
features.MapMembers();
features.MapAudit();
features.MapSettings();
features.MapCatalog();
features.MapCart();
features.MapOrders();
features.MapAfterSales();
features.MapExports();
features.MapJobs();
features.MapReviews();
features.MapPoints();
features.MapLoyalty();
features.MapPointsMall();
features.MapCoupons();
features.MapTiers();
features.MapEngagement();
features.MapRisk();
features.MapRebates();
features.MapWebhooks();
features.MapMessages();
// The security headers carry the whole content security policy, frame-ancestors included.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
