namespace MemberMall.Features.Accounts;

/// <summary>
/// A key for machine clients of the staff API. Only the SHA-256 hash of the secret is stored; the secret is shown once.
/// The scopes decide which staff permissions the key carries (<see cref="ApiKeyScopes"/>).
/// </summary>
public class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; init; } = "";
    /// <summary>The secret's first characters, to tell keys apart in a list.</summary>
    public string Prefix { get; init; } = "";
    public string SecretHash { get; init; } = "";
    /// <summary>Scopes, space-separated.</summary>
    public string Scopes { get; init; } = "";
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
