using System.Collections.Concurrent;

namespace MemberMall.Infrastructure.Caching;

/// <summary>
/// A few seconds' in-memory copy of rows that belong to one owner (an account, a member). Dropping an owner
/// removes its entries and also refuses, for a while, to cache anything read before the drop: a read that
/// began before a change was committed cannot put the old value back. Expired entries are swept out once per
/// lifetime, so the cache holds about what was read in the last lifetime and a drop scans only that.
/// </summary>
public sealed class OwnedCache<TKey, TValue>(TimeProvider clock, Func<TimeSpan> lifetime, int capacity = 50_000) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, Guid Owner, long Until)> _entries = new();
    private readonly ConcurrentDictionary<Guid, long> _changedAt = new();
    private long _nextSweep;

    /// <summary>Entries held, live or expired but not yet swept.</summary>
    internal int Count => _entries.Count;

    /// <summary>The moment a read from the database begins; pass it to <see cref="Add"/>.</summary>
    public long Stamp() => clock.GetTimestamp();

    public bool TryGet(TKey key, out TValue value)
    {
        value = default!;
        if (!_entries.TryGetValue(key, out var entry)) return false;
        if (entry.Until <= clock.GetTimestamp())
        {
            _entries.TryRemove(new KeyValuePair<TKey, (TValue, Guid, long)>(key, entry));
            return false;
        }
        value = entry.Value;
        return true;
    }

    public void Add(TKey key, Guid owner, TValue value, long readAt)
    {
        var life = lifetime();
        if (life <= TimeSpan.Zero) return;
        if (_changedAt.TryGetValue(owner, out var changed) && changed >= readAt) return;
        var now = clock.GetTimestamp();
        var sweepAt = Interlocked.Read(ref _nextSweep);
        if (now >= sweepAt && Interlocked.CompareExchange(ref _nextSweep, now + Ticks(life), sweepAt) == sweepAt) Sweep(now);
        if (_entries.Count >= capacity)
        {
            Sweep(now);
            if (_entries.Count >= capacity) _entries.Clear();
        }
        _entries[key] = (value, owner, now + Ticks(life));
    }

    /// <summary>Drops every entry of these owners.</summary>
    public void Evict(IReadOnlyCollection<Guid> owners)
    {
        if (owners.Count == 0) return;
        var now = clock.GetTimestamp();
        foreach (var id in owners) _changedAt[id] = now;
        foreach (var (key, entry) in _entries)
            if (owners.Contains(entry.Owner)) _entries.TryRemove(key, out _);
        // A change mark only matters to reads that began before it; reads last well under a lifetime.
        var old = now - Ticks(lifetime() * 2 + TimeSpan.FromSeconds(30));
        foreach (var (id, at) in _changedAt)
            if (at < old) _changedAt.TryRemove(id, out _);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    private void Sweep(long now)
    {
        foreach (var (key, entry) in _entries)
            if (entry.Until <= now) _entries.TryRemove(new KeyValuePair<TKey, (TValue, Guid, long)>(key, entry));
    }
}
