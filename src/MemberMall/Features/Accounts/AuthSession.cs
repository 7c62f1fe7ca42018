namespace MemberMall.Features.Accounts;

/// <summary>
/// One signed-in device. Tokens are random and only their SHA-256 hashes are stored, so a database
/// leak gives no usable token; logout and refresh take effect at once because every request checks here.
/// </summary>
public class AuthSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AccountId { get; init; }
    public string AccessTokenHash { get; private set; } = "";
    public DateTimeOffset AccessExpiresAt { get; private set; }
    public string RefreshTokenHash { get; private set; } = "";
    public DateTimeOffset RefreshExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? Ip { get; init; }

    public void Issue(string accessHash, DateTimeOffset accessExpiresAt, string refreshHash, DateTimeOffset refreshExpiresAt)
    {
        AccessTokenHash = accessHash;
        AccessExpiresAt = accessExpiresAt;
        RefreshTokenHash = refreshHash;
        RefreshExpiresAt = refreshExpiresAt;
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && AccessExpiresAt > now;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
