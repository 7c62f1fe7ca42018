using System.Security.Claims;
using MemberMall.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using System.Threading.RateLimiting;

namespace MemberMall.Infrastructure;

/// <summary>
/// Two ways in: API calls under <c>/api</c> carry bearer tokens; the admin console and member site use a
/// cookie that points at the same kind of server-side session, so logout and disabling take effect at once.
/// </summary>
public static class AuthSetup
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string Smart = "smart";

    public static IServiceCollection AddMallAuth(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<AuthOptions>(config.GetSection("Auth"));
        services.AddIdentityCore<Account>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Auth:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Auth:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
            })
            .AddEntityFrameworkStores<MallDb>();

        services.AddAuthentication(Smart)
            // An API key counts on staff routes only: on any other path the header is ignored.
            .AddPolicyScheme(Smart, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api/admin") && http.Request.Headers.ContainsKey(ApiKeyScopes.Header) ? ApiKeyHandler.Scheme
                : http.Request.Path.StartsWithSegments("/api") ? SessionTokenHandler.Scheme : Cookie)
            .AddScheme<AuthenticationSchemeOptions, SessionTokenHandler>(SessionTokenHandler.Scheme, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.Scheme, null)
            .AddCookie(Cookie, o =>
            {
                o.Cookie.Name = "mm.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => Redirect(ctx, "login");
                o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, "denied");
                o.Events.OnValidatePrincipal = ValidateCookieSessionAsync;
            });

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => ctx.User.Has(permission)));
            o.AddPolicy(Roles.Member, p => p.RequireAuthenticatedUser().RequireRole(Roles.Member));
            o.AddPolicy("staff", p => p.RequireAuthenticatedUser().RequireAssertion(ctx => Roles.IsStaffRole(ctx.User.FindFirstValue(ClaimTypes.Role))));
        });

        services.AddRateLimiter(o =>
        {
            var permits = config.GetValue("RateLimits:Login:PermitLimit", 10);
            var window = TimeSpan.FromSeconds(config.GetValue("RateLimits:Login:WindowSeconds", 60));
            // The sign-in pages carry this policy too; only their form posts are attempts, not page views.
            o.AddPolicy(AuthEndpoints.LoginRateLimit, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page-view")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            // Each API key has its own budget per minute (ApiKeys:RequestsPerMinute); people are not limited here.
            var keyPermits = config.GetValue("ApiKeys:RequestsPerMinute", 600);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.FindFirstValue(ClaimTypes.Role) == ApiKeyScopes.Role && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId
                    ? RateLimitPartition.GetFixedWindowLimiter("apikey:" + keyId,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, keyPermits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("people"));
            o.OnRejected = async (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString();
                await Problems.Write(ctx.HttpContext, 429, "rate_limited", "Too many attempts from this address; wait a minute and try again.");
            };
        });
        return services;
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx, string page)
    {
        var area = ctx.Request.Path.StartsWithSegments("/admin") ? "/admin/" : "/";
        var returnUrl = Uri.EscapeDataString(ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString);
        ctx.Response.Redirect($"{area}{page}?returnUrl={returnUrl}");
        return Task.CompletedTask;
    }

    private static async Task ValidateCookieSessionAsync(CookieValidatePrincipalContext ctx)
    {
        if (!Guid.TryParse(ctx.Principal?.FindFirstValue(SessionTokens.ClaimSession), out var sid))
        {
            ctx.RejectPrincipal();
            return;
        }
        var db = ctx.HttpContext.RequestServices.GetRequiredService<MallDb>();
        var now = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await IsSessionActiveAsync(db, sid, now, ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Cookie);
        }
    }

    public static Task<bool> IsSessionActiveAsync(MallDb db, Guid sessionId, DateTimeOffset now, CancellationToken ct) =>
        (from s in db.AuthSessions.AsNoTracking()
         join a in db.Users.AsNoTracking() on s.AccountId equals a.Id
         where s.Id == sessionId && s.RevokedAt == null && s.RefreshExpiresAt > now && a.DisabledAt == null
         select s.Id).AnyAsync(ct);
}
