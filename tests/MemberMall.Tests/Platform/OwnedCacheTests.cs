using MemberMall.Infrastructure.Caching;

namespace MemberMall.Tests.Platform;

public class OwnedCacheTests
{
    /// <summary>A monotonic clock in milliseconds that the test moves by hand.</summary>
    private sealed class Ticks : TimeProvider
    {
        public long Now;
        public override long GetTimestamp() => Now;
        public override long TimestampFrequency => 1000;
    }

    [Fact]
    public void A_drop_removes_only_its_owners_entries_and_expired_entries_are_swept_once_a_lifetime_has_passed()
    {
        var clock = new Ticks();
        var cache = new OwnedCache<string, int>(clock, () => TimeSpan.FromSeconds(10));
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var readAt = cache.Stamp();
        for (var i = 0; i < 1000; i++) cache.Add("k" + i, i % 2 == 0 ? a : b, i, readAt);
        Assert.Equal(1000, cache.Count);

        cache.Evict([a]);
        Assert.Equal(500, cache.Count);
        Assert.False(cache.TryGet("k0", out _));
        Assert.True(cache.TryGet("k1", out var one));
        Assert.Equal(1, one);

        clock.Now += 5_000;
        cache.Add("late", b, 7, cache.Stamp());
        Assert.Equal(501, cache.Count);
        clock.Now += 6_000;
        // Eleven seconds on, the 500 left from the start have expired; the next add sweeps them out.
        cache.Add("later", b, 8, cache.Stamp());
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("late", out var late));
        Assert.Equal(7, late);
    }

    [Fact]
    public void A_read_that_began_before_its_owner_was_dropped_is_not_cached()
    {
        var clock = new Ticks { Now = 1_000 };
        var cache = new OwnedCache<string, int>(clock, () => TimeSpan.FromSeconds(10));
        var owner = Guid.NewGuid();
        var readAt = cache.Stamp();
        clock.Now += 1;
        cache.Evict([owner]);
        cache.Add("stale", owner, 1, readAt);
        Assert.False(cache.TryGet("stale", out _));

        clock.Now += 1;
        cache.Add("fresh", owner, 2, cache.Stamp());
        Assert.True(cache.TryGet("fresh", out var fresh));
        Assert.Equal(2, fresh);
    }
}
