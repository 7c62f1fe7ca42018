using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Accounts;

/// <summary>What a bearer token stands for while it is active: the session and the account's role.</summary>
public sealed record SessionGrant(Guid SessionId, Guid AccountId, DateTimeOffset AccessExpiresAt, AccountKind Kind, string? StaffRole, string DisplayName);

/// <summary>
/// Keeps active bearer sessions in memory for a few seconds (<c>Auth:SessionCacheSeconds</c>, default 10;
/// 0 turns it off), so a shopper's burst of requests looks the session up once. Any saved change to an
/// account or one of its sessions (logout, refresh, disabling, a new role) drops that account's entries at
/// once in this process; another app instance sees it when its own entry expires.
/// </summary>
public sealed class SessionCache(IOptions<AuthOptions> options, TimeProvider clock)
{
    private const int PurgeAbove = 50_000;
    private readonly ConcurrentDictionary<string, (SessionGrant Grant, long Until)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, long> _changedAt = new();

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Clamp(options.Value.SessionCacheSeconds, 0, 300));

    public bool TryGet(string tokenHash, out SessionGrant grant)
    {
        grant = null!;
        if (!_entries.TryGetValue(tokenHash, out var entry)) return false;
        if (entry.Until <= clock.GetTimestamp() || entry.Grant.AccessExpiresAt <= clock.GetUtcNow())
        {
            _entries.TryRemove(new KeyValuePair<string, (SessionGrant, long)>(tokenHash, entry));
            return false;
        }
        grant = entry.Grant;
        return true;
    }

    /// <summary>
    /// Caches a grant read from the database at <paramref name="readAt"/> (a <see cref="TimeProvider.GetTimestamp"/>
    /// value), unless the account changed after that read began.
    /// </summary>
    public void Add(string tokenHash, SessionGrant grant, long readAt)
    {
        var lifetime = Lifetime;
        if (lifetime <= TimeSpan.Zero) return;
        if (_changedAt.TryGetValue(grant.AccountId, out var changed) && changed >= readAt) return;
        if (_entries.Count > PurgeAbove) Purge();
        _entries[tokenHash] = (grant, clock.GetTimestamp() + (long)(lifetime.TotalSeconds * clock.TimestampFrequency));
    }

    /// <summary>Drops every cached session of these accounts.</summary>
    public void Evict(IReadOnlyCollection<Guid> accountIds)
    {
        if (accountIds.Count == 0) return;
        var now = clock.GetTimestamp();
        foreach (var id in accountIds) _changedAt[id] = now;
        foreach (var (key, entry) in _entries)
            if (accountIds.Contains(entry.Grant.AccountId)) _entries.TryRemove(key, out _);
        // Change marks only matter for reads that started before them.
        var old = now - (long)(Math.Max(Lifetime.TotalSeconds, 1) * 2 * clock.TimestampFrequency);
        foreach (var (id, at) in _changedAt)
            if (at < old) _changedAt.TryRemove(id, out _);
    }

    private void Purge()
    {
        var now = clock.GetTimestamp();
        foreach (var (key, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(key, out _);
        if (_entries.Count > PurgeAbove) _entries.Clear();
    }
}

/// <summary>Drops cached sessions of every account whose row or sessions a save changes.</summary>
public sealed class SessionCacheInterceptor(SessionCache cache) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<Guid>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Flush(eventData);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush(eventData);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Flush(eventData);
        return Task.CompletedTask;
    }

    private static List<Guid> Changed(DbContextEventData data)
    {
        var ids = new List<Guid>();
        if (data.Context is null) return ids;
        foreach (var e in data.Context.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Modified or EntityState.Deleted)) continue;
            if (e.Entity is AuthSession s) ids.Add(s.AccountId);
            else if (e.Entity is Account a) ids.Add(a.Id);
        }
        return ids;
    }

    private void Collect(DbContextEventData data)
    {
        var ids = Changed(data);
        if (ids.Count == 0) return;
        // Before the write as well: a lookup that starts now must not cache what is about to change.
        cache.Evict(ids);
        _pending.AddOrUpdate(data.Context!, ids);
    }

    private void Flush(DbContextEventData data)
    {
        if (data.Context is null || !_pending.TryGetValue(data.Context, out var ids)) return;
        _pending.Remove(data.Context);
        cache.Evict(ids);
    }
}
