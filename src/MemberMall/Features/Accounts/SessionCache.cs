using MemberMall.Infrastructure.Caching;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Accounts;

/// <summary>What a bearer token stands for while it is active: the session and the account's role.</summary>
public sealed record SessionGrant(Guid SessionId, Guid AccountId, DateTimeOffset AccessExpiresAt, AccountKind Kind, string? StaffRole, string DisplayName);

/// <summary>
/// Keeps active bearer sessions in memory for a few seconds (<c>Auth:SessionCacheSeconds</c>, default 10;
/// 0 turns it off), so a shopper's burst of requests looks the session up once. Any saved change to an
/// account or one of its sessions (logout, refresh, disabling, a new role) drops that account's entries at
/// once in this process (see <see cref="Infrastructure.Caching.CacheEviction"/>); another app instance sees
/// it when its own entry expires.
/// </summary>
public sealed class SessionCache(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly OwnedCache<string, SessionGrant> _cache =
        new(clock, () => TimeSpan.FromSeconds(Math.Clamp(options.Value.SessionCacheSeconds, 0, 300)));

    public long Stamp() => _cache.Stamp();

    public bool TryGet(string tokenHash, out SessionGrant grant) =>
        _cache.TryGet(tokenHash, out grant) && grant.AccessExpiresAt > clock.GetUtcNow();

    /// <summary>Caches a grant read from the database since <paramref name="readAt"/> (from <see cref="Stamp"/>).</summary>
    public void Add(string tokenHash, SessionGrant grant, long readAt) => _cache.Add(tokenHash, grant.AccountId, grant, readAt);

    /// <summary>Drops every cached session of these accounts.</summary>
    public void Evict(IReadOnlyCollection<Guid> accountIds) => _cache.Evict(accountIds);
}
