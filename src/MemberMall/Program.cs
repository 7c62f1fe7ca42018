using System.Text.Json.Serialization;
using MemberMall.Components;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Catalog;
using MemberMall.Features.Exports;
using MemberMall.Features.Jobs;
using MemberMall.Features.Loyalty;
using MemberMall.Features.Orders;
using MemberMall.Features.Payments;
using MemberMall.Features.Points;
using MemberMall.Features.PointsMall;
using MemberMall.Features.Reviews;
using MemberMall.Features.Tiers;
using MemberMall.Features.Members;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var dataDirectory = Path.GetFullPath(builder.Configuration["Storage:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);

builder.Services.AddMallDb(builder.Configuration, dataDirectory);
builder.Services.AddMallPlatform(builder.Configuration, dataDirectory);
builder.Services.AddMallAuth(builder.Configuration);
builder.Services.AddMallFeatures(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidator>();
builder.Services.AddScoped<MemberMall.Components.Shared.CartState>();
// Bottom centre: top-right messages cover the page's main action buttons, and it suits a phone too.
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args)) return;
await Startup.PrepareAsync(app, dataDirectory);

app.UseExceptionHandler();
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
app.MapAuth();
app.MapCookieLogout();
app.MapMembers();
app.MapStaff();
app.MapAudit();
app.MapSettings();
app.MapCatalog();
app.MapShopping();
app.MapPayments();
app.MapAfterSales();
app.MapAdminExports();
app.MapJobs();
ReviewService.Map(app);
app.MapPoints();
app.MapPointsRules();
app.MapLoyaltySettings();
app.MapPointsMall();
app.MapTiers();
MemberMall.Features.Engagement.CheckIns.Map(app);
MemberMall.Features.Engagement.Referrals.Map(app);
MemberMall.Features.Risk.RiskFlags.Map(app);
MemberMall.Features.Rebates.RebateEndpoints.MapRebates(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
