using System.Security.Claims;
using System.Text.Encodings.Web;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Accounts;

/// <summary>
/// Authenticates <c>X-Api-Key</c> on <c>/api/admin</c> routes (the policy scheme sends nothing else here, so a key never
/// opens a member route). The principal carries the permissions of the key's scopes; its name is the key's, so the
/// audit log records the key as the actor. A missing scope answers 403 <c>apikey.scope_missing</c>.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MallDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "ApiKey";
    private const string FailureKey = "apikey.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[ApiKeyScopes.Header].ToString().Trim();
        if (secret.Length == 0) return AuthenticateResult.NoResult();
        var hash = ApiKeyScopes.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        var failure = key switch
        {
            null => "apikey.invalid",
            { RevokedAt: not null } => "apikey.revoked",
            { ExpiresAt: { } at } when at <= now => "apikey.expired",
            _ => null,
        };
        if (failure is not null)
        {
            Context.Items[FailureKey] = failure;
            return AuthenticateResult.Fail(failure);
        }
        // Last use to the minute: a busy client does not write on every call.
        var stale = now.AddMinutes(-1);
        await db.ApiKeys.Where(k => k.Id == key!.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key!.Id.ToString()),
            new(ClaimTypes.Name, "apikey:" + key.Name),
            new(ClaimTypes.Role, ApiKeyScopes.Role),
        };
        foreach (var scope in key.ScopeList)
        {
            claims.Add(new Claim(ApiKeyScopes.ClaimScope, scope));
            if (ApiKeyScopes.Permission.TryGetValue(scope, out var permission)) claims.Add(new Claim(ApiKeyScopes.ClaimPermission, permission));
        }
        var identity = new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, Context.Items[FailureKey] as string ?? "apikey.invalid",
            "The API key is unknown, revoked or expired.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "apikey.scope_missing", "The API key has no scope for this route.");
}
