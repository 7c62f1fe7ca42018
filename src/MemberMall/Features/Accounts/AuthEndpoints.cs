using MemberMall.Infrastructure.Idempotency;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MemberMall.Common;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Accounts;

public sealed record LoginRequest([property: Required, StringLength(254)] string Login, [property: Required, StringLength(128)] string Password);

public sealed record RefreshRequest([property: Required, StringLength(200)] string RefreshToken);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, AccountInfo Account);

public sealed record AccountInfo(Guid Id, string Kind, string Role, string Name, IReadOnlyList<string> Permissions);

public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    internal static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/login", async (LoginRequest req, LoginService logins, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var result = await logins.LoginAsync(req.Login, req.Password, http.Connection.RemoteIpAddress?.ToString(), ct);
            return TypedResults.Ok(ToResponse(result.Account, result.Tokens, clock.GetUtcNow()));
        }).RequireRateLimiting(LoginRateLimit).AllowAnonymous().AnswerHoldsSecrets()
            .ProducesError(401, "auth.invalid_credentials").ProducesError(403, "auth.account_disabled").ProducesError(423, "auth.locked_out")
            .ProducesError(429, "rate_limited");

        auth.MapPost("/refresh", async (RefreshRequest req, SessionTokens tokens, MallDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var (accountId, pair) = await tokens.RefreshAsync(req.RefreshToken, ct)
                ?? throw new DomainException("auth.refresh_invalid", "The refresh token is unknown, used up, revoked or expired; sign in again.", 401);
            await db.SaveChangesAsync(ct);
            var account = await db.Users.FindAsync([accountId], ct);
            return TypedResults.Ok(ToResponse(account!, pair, clock.GetUtcNow()));
        }).RequireRateLimiting(LoginRateLimit).AllowAnonymous().AnswerHoldsSecrets().ProducesError(401, "auth.refresh_invalid").ProducesError(429, "rate_limited");

        auth.MapPost("/logout", async (ClaimsPrincipal user, SessionTokens tokens, MallDb db, CancellationToken ct) =>
        {
            await tokens.RevokeAsync(Guid.Parse(user.FindFirstValue(SessionTokens.ClaimSession)!), ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(Describe(user))).RequireAuthorization();
        return app;
    }

    public static AccountInfo Describe(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        return new AccountInfo(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), user.FindFirstValue(SessionTokens.ClaimKind) ?? "",
            role, user.Identity?.Name ?? "", Permissions.ByRole.GetValueOrDefault(role) ?? []);
    }

    private static TokenResponse ToResponse(Account account, TokenPair pair, DateTimeOffset now)
    {
        var role = account.Kind == AccountKind.Staff ? account.StaffRole ?? "" : Roles.Member;
        return new TokenResponse(pair.AccessToken, "Bearer", (int)(pair.AccessExpiresAt - now).TotalSeconds, pair.RefreshToken,
            (int)(pair.RefreshExpiresAt - now).TotalSeconds,
            new AccountInfo(account.Id, account.Kind.ToString().ToLowerInvariant(), role, account.DisplayName, Permissions.ByRole.GetValueOrDefault(role) ?? []));
    }
}
