using System.Text.Encodings.Web;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens against their session row, or against the few seconds'
/// copy <see cref="SessionCache"/> keeps of an active one.
/// </summary>
public sealed class SessionTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MallDb db, SessionCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "Bearer";
    private const string FailureKey = "auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return AuthenticateResult.NoResult();

        var hash = SessionTokens.HashToken(token);
        if (cache.TryGet(hash, out var cached)) return Success(cached);

        var readAt = cache.Stamp();
        var row = await (from s in db.AuthSessions.AsNoTracking()
                         join a in db.Users.AsNoTracking() on s.AccountId equals a.Id
                         where s.AccessTokenHash == hash
                         select new { s.Id, s.AccountId, s.AccessExpiresAt, s.RevokedAt, a.Kind, a.StaffRole, a.DisplayName, a.DisabledAt })
            .SingleOrDefaultAsync(Context.RequestAborted);

        var now = clock.GetUtcNow();
        string? failure = row switch
        {
            null => "auth.token_invalid",
            { RevokedAt: not null } => "auth.token_revoked",
            { DisabledAt: not null } => "auth.account_disabled",
            _ when row.AccessExpiresAt <= now => "auth.token_expired",
            _ => null,
        };
        if (failure is not null)
        {
            Context.Items[FailureKey] = failure;
            return AuthenticateResult.Fail(failure);
        }
        var grant = new SessionGrant(row!.Id, row.AccountId, row.AccessExpiresAt, row.Kind, row.StaffRole, row.DisplayName);
        cache.Add(hash, grant, readAt);
        return Success(grant);
    }

    private static AuthenticateResult Success(SessionGrant g) => AuthenticateResult.Success(new AuthenticationTicket(
        SessionTokens.Principal(g.AccountId, g.Kind, g.StaffRole, g.DisplayName, g.SessionId, Scheme), Scheme));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, Context.Items[FailureKey] as string ?? "auth.unauthenticated",
            "Sign in first: send 'Authorization: Bearer <token>' from POST /api/auth/login.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "auth.forbidden", "Your role does not have permission for this action.");
}
