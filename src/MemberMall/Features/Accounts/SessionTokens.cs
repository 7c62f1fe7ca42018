using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Accounts;

public sealed class AuthOptions
{
    public int AccessTokenMinutes { get; set; } = 120;
    public int RefreshTokenDays { get; set; } = 30;
    /// <summary>How long an active bearer session may be served from memory; 0 reads it on every request.</summary>
    public int SessionCacheSeconds { get; set; } = 10;
}

public sealed record TokenPair(string AccessToken, DateTimeOffset AccessExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);

/// <summary>Issues, refreshes and revokes sessions. Tokens are 256-bit random values; only hashes are kept.</summary>
public sealed class SessionTokens(MallDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<AuthOptions> options)
{
    public const string ClaimSession = "sid";
    public const string ClaimKind = "kind";

    public (AuthSession Session, TokenPair Tokens) Open(Guid accountId, string? ip)
    {
        var now = clock.GetUtcNow();
        var session = new AuthSession { AccountId = accountId, CreatedAt = now, Ip = ip };
        var tokens = Issue(session, now);
        db.AuthSessions.Add(session);
        return (session, tokens);
    }

    public async Task<(Guid AccountId, TokenPair Tokens)?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = HashToken(refreshToken);
        var session = await db.AuthSessions.SingleOrDefaultAsync(s => s.RefreshTokenHash == hash, ct);
        if (session is null || session.RevokedAt is not null || session.RefreshExpiresAt <= now) return null;
        var disabled = await db.Users.Where(a => a.Id == session.AccountId).Select(a => a.DisabledAt != null).SingleAsync(ct);
        if (disabled) return null;
        return (session.AccountId, Issue(session, now));
    }

    public async Task RevokeAsync(Guid sessionId, CancellationToken ct)
    {
        var session = await db.AuthSessions.FindAsync([sessionId], ct);
        session?.Revoke(clock.GetUtcNow());
    }

    public async Task RevokeAllAsync(Guid accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var s in await db.AuthSessions.Where(s => s.AccountId == accountId && s.RevokedAt == null).ToListAsync(ct))
            s.Revoke(now);
    }

    private TokenPair Issue(AuthSession session, DateTimeOffset now)
    {
        var access = NewToken();
        var refresh = NewToken();
        var accessExpires = now.AddMinutes(options.Value.AccessTokenMinutes);
        var refreshExpires = now.AddDays(options.Value.RefreshTokenDays);
        session.Issue(HashToken(access), accessExpires, HashToken(refresh), refreshExpires);
        return new TokenPair(access, accessExpires, refresh, refreshExpires);
    }

    private static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static ClaimsPrincipal Principal(Guid accountId, AccountKind kind, string? staffRole, string displayName, Guid sessionId, string scheme)
    {
        var role = kind == AccountKind.Staff ? staffRole ?? "" : Roles.Member;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, accountId.ToString()),
            new Claim(ClaimTypes.Name, displayName),
            new Claim(ClaimTypes.Role, role),
            new Claim(ClaimKind, kind.ToString().ToLowerInvariant()),
            new Claim(ClaimSession, sessionId.ToString()),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
