using System.Linq.Expressions;
using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MemberMall.Features.Tiers;

public sealed record TierProgress(string Metric, long Current, long? NextThreshold, long? Remaining, DateTimeOffset WindowStart);

/// <summary>
/// Which tier a member is in and why. Upgrades happen as soon as a member qualifies (called when an order is
/// paid); refunds lower the progress at once, and a lower tier follows only through the re-evaluation job,
/// under the downgrade policy the merchant chose. Every change is written to the tier history.
/// </summary>
public sealed class TierService(MallDb db, ShopSettingsService shop, TierSettingsService policy, IMemoryCache cache, MemberTierCache members, TimeProvider clock,
    Outbox.Outbox outbox)
{
    private const string CacheKey = "tiers";
    private const string PricesKey = "tier-prices:";

    /// <summary>The tier ladder, cached briefly: every price quote and payment reads it, staff change it rarely.</summary>
    public async Task<List<Tier>> TiersAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync(CacheKey, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).ToListAsync(ct);
        }))!;

    public void Forget() => cache.Remove(CacheKey);

    /// <summary>The prices staff set for particular products in one tier (cached briefly; staff edits drop the copy).</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> TierPricesAsync(Guid tierId, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(PricesKey + tierId, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            return (IReadOnlyDictionary<Guid, long>)await db.ProductTierPrices.AsNoTracking().Where(p => p.TierId == tierId)
                .ToDictionaryAsync(p => p.ProductId, p => p.PriceFen, ct);
        }))!;

    public async Task ForgetPricesAsync(CancellationToken ct)
    {
        foreach (var tier in await TiersAsync(ct)) cache.Remove(PricesKey + tier.Id);
    }

    /// <summary>The member's tier for showing and pricing, from a copy a few seconds old at most.</summary>
    public async Task<Tier?> CurrentAsync(Guid memberId, CancellationToken ct)
    {
        var tiers = await TiersAsync(ct);
        if (!members.TryGet(memberId, out var tierId))
        {
            var readAt = members.Stamp();
            tierId = await TierIdAsync(memberId, ct);
            members.Add(memberId, tierId, readAt);
        }
        return tiers.SingleOrDefault(t => t.Id == tierId) ?? tiers.FirstOrDefault();
    }

    /// <summary>
    /// The member's tier as the database has it: for decisions that write (points, tier moves). Read once per
    /// unit of work; a move made through this service updates what it remembers.
    /// </summary>
    public async Task<Tier?> CurrentFreshAsync(Guid memberId, CancellationToken ct)
    {
        var tiers = await TiersAsync(ct);
        if (!_read.TryGetValue(memberId, out var tierId)) _read[memberId] = tierId = await TierIdAsync(memberId, ct);
        return tiers.SingleOrDefault(t => t.Id == tierId) ?? tiers.FirstOrDefault();
    }

    private readonly Dictionary<Guid, Guid?> _read = [];

    /// <summary>
    /// Takes the member's tier as a caller just read it from the database in this unit of work (with the member
    /// row, say), so that <see cref="CurrentFreshAsync"/> need not read it again.
    /// </summary>
    public void Read(Guid memberId, Guid? tierId) => _read.TryAdd(memberId, tierId);

    private Task<Guid?> TierIdAsync(Guid memberId, CancellationToken ct) => TierIdOf(db, memberId, ct);

    private static readonly Func<MallDb, Guid, CancellationToken, Task<Guid?>> TierIdOf = EF.CompileAsyncQuery(
        (MallDb db, Guid memberId, CancellationToken ct) => db.MemberTiers.AsNoTracking().Where(m => m.MemberId == memberId).Select(m => (Guid?)m.TierId).SingleOrDefault());

    /// <summary>
    /// The member's measure for <paramref name="tier"/>: spend, orders or points in its window. What this unit of work
    /// tracks of the member (the order it is paying, the entries it is writing, saved or not) counts as it is in
    /// memory, and the database counts the rest, so a caller need not write its changes before asking.
    /// </summary>
    public async Task<long> MetricAsync(Guid memberId, Tier tier, DateTimeOffset now, CancellationToken ct)
    {
        var start = tier.WindowStart(now, (await shop.GetAsync(ct)).Zone);
        if (tier.Metric is TierMetric.Spend or TierMetric.Orders)
        {
            Expression<Func<Order, bool>> inWindow = o => o.MemberId == memberId && o.PaidAt >= start && o.Status != OrderStatus.Cancelled;
            var (ids, tracked) = Tracked(inWindow, o => o.Id);
            var stored = db.Orders.AsNoTracking().Where(inWindow).Where(o => !ids.Contains(o.Id));
            return tier.Metric == TierMetric.Spend
                ? await stored.SumAsync(NetSpend, ct) + tracked.Sum(NetSpendOf)
                : await stored.CountAsync(NotRefunded, ct) + tracked.Count(NotRefundedOf);
        }
        Expression<Func<PointsEntry, bool>> earned = e => e.MemberId == memberId && e.CreatedAt >= start
            && (e.Kind == PointsEntryKind.Earn || (e.Kind == PointsEntryKind.Reverse && e.AvailableChange + e.PendingChange < 0));
        var (entryIds, entries) = Tracked(earned, e => e.Id);
        return await db.PointsEntries.AsNoTracking().Where(earned).Where(e => !entryIds.Contains(e.Id)).SumAsync(PointsChange, ct)
               + entries.Sum(PointsChangeOf);
    }

    private static readonly Expression<Func<Order, long>> NetSpend = o => o.TotalFen - o.RefundedFen;
    private static readonly Expression<Func<Order, bool>> NotRefunded = o => o.RefundedFen < o.TotalFen || o.TotalFen == 0;
    private static readonly Expression<Func<PointsEntry, long>> PointsChange = e => e.AvailableChange + e.PendingChange;
    private static readonly Func<Order, long> NetSpendOf = NetSpend.Compile();
    private static readonly Func<Order, bool> NotRefundedOf = NotRefunded.Compile();
    private static readonly Func<PointsEntry, long> PointsChangeOf = PointsChange.Compile();

    /// <summary>
    /// The rows of a kind this unit tracks: the ids of all of them, for the database to leave out, and those that
    /// <paramref name="counts"/> (the same filter the database runs, interpreted here), to count from memory. Entities
    /// are changed through their methods and tracked by snapshot, so the entities themselves are read, not their
    /// states.
    /// </summary>
    private (List<Guid> Ids, List<T> Rows) Tracked<T>(Expression<Func<T, bool>> counts, Func<T, Guid> id) where T : class
    {
        var all = db.ChangeTracker.Entries<T>().Select(e => e.Entity).ToList();
        return (all.Select(id).ToList(), all.Where(counts.Compile(preferInterpretation: true)).ToList());
    }

    /// <summary>The highest tier the member qualifies for now; tiers measured alike (metric and window) are measured once.</summary>
    public async Task<Tier?> QualifyingAsync(Guid memberId, IReadOnlyList<Tier> tiers, DateTimeOffset now, CancellationToken ct)
    {
        var zone = (await shop.GetAsync(ct)).Zone;
        var measured = new Dictionary<(TierMetric, DateTimeOffset), long>();
        foreach (var tier in tiers.OrderByDescending(t => t.Rank))
        {
            if (tier.Rank == 0) return tier;
            var key = (tier.Metric, tier.WindowStart(now, zone));
            if (!measured.TryGetValue(key, out var value)) measured[key] = value = await MetricAsync(memberId, tier, now, ct);
            if (tier.IsReachedBy(value)) return tier;
        }
        return null;
    }

    /// <summary>
    /// Moves the member up at once if they now qualify for a higher tier. The measure counts the caller's pending
    /// changes (the order just paid) from memory; a shop with one tier skips all of it.
    /// </summary>
    public async Task UpgradeIfQualifiedAsync(Guid memberId, string reason, CancellationToken ct)
    {
        var tiers = await TiersAsync(ct);
        if (tiers.Count < 2) return;
        var current = await CurrentFreshAsync(memberId, ct);
        // Only a higher tier can be won; a member at the top has nothing to measure.
        var higher = tiers.Where(t => t.Rank > (current?.Rank ?? 0)).ToList();
        if (higher.Count == 0) return;
        var now = clock.GetUtcNow();
        if (await QualifyingAsync(memberId, higher, now, ct) is { } qualifying)
            await MoveAsync(memberId, current, qualifying, $"{reason}: qualified for {qualifying.Name}", now, ct);
    }

    /// <summary>The scheduled re-evaluation of one member under the shop's downgrade policy; returns true when the tier changed.</summary>
    public async Task<bool> ReevaluateAsync(Guid memberId, CancellationToken ct)
    {
        var rules = await policy.GetAsync(ct);
        var tiers = await TiersAsync(ct);
        var now = clock.GetUtcNow();
        var row = await db.MemberTiers.SingleOrDefaultAsync(m => m.MemberId == memberId, ct);
        var current = tiers.SingleOrDefault(t => t.Id == row?.TierId);
        var qualifying = await QualifyingAsync(memberId, tiers, now, ct);
        if (current is null || qualifying is null) return false;
        var step = TierRules.Reevaluate(current, qualifying, tiers, rules.Downgrade, rules.GraceDays, row!.GraceUntil, now);
        switch (step.Kind)
        {
            case TierStepKind.Move:
                await MoveAsync(memberId, current, step.To!, step.Reason!, now, ct);
                return true;
            case TierStepKind.StartGrace:
                row.StartGrace(step.GraceUntil!.Value);
                return false;
            case TierStepKind.EndGrace:
                row.EndGrace();
                return false;
            default:
                return false;
        }
    }

    /// <summary>The member's own view: tier, benefits, progress to the next tier and the history of changes.</summary>
    public async Task<MyTier> MineAsync(Guid memberId, CancellationToken ct)
    {
        var all = await TiersAsync(ct);
        var current = await CurrentAsync(memberId, ct);
        var next = current is null ? null : all.Where(t => t.Rank > current.Rank).MinBy(t => t.Rank);
        var names = all.ToDictionary(t => t.Id, t => t.Name);
        var history = await db.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId).OrderByDescending(c => c.At).Take(50).ToListAsync(ct);
        return new MyTier(current is null ? null : TierEndpoints.View(current), await ProgressAsync(memberId, ct), next is null ? null : TierEndpoints.View(next),
            history.Select(h => new TierChangeView(h.FromTierId is { } f ? names.GetValueOrDefault(f) : null, names.GetValueOrDefault(h.ToTierId, "?"), h.Reason, h.At)).ToList());
    }

    public async Task<TierProgress?> ProgressAsync(Guid memberId, CancellationToken ct)
    {
        var tiers = await TiersAsync(ct);
        var current = await CurrentAsync(memberId, ct);
        if (current is null) return null;
        var now = clock.GetUtcNow();
        var next = tiers.Where(t => t.Rank > current.Rank).MinBy(t => t.Rank);
        var measured = next ?? current;
        var value = await MetricAsync(memberId, measured, now, ct);
        return new TierProgress(EnumText.Snake(measured.Metric), value, next?.Threshold, next is null ? null : Math.Max(0, next.Threshold - value),
            measured.WindowStart(now, (await shop.GetAsync(ct)).Zone));
    }

    private async Task MoveAsync(Guid memberId, Tier? from, Tier to, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.MemberTiers.SingleOrDefaultAsync(m => m.MemberId == memberId, ct);
        if (row is null) db.MemberTiers.Add(new MemberTier(memberId, to.Id, now));
        else row.MoveTo(to.Id, now);
        db.TierChanges.Add(new TierChange { MemberId = memberId, FromTierId = from?.Id, ToTierId = to.Id, Reason = reason, At = now });
        outbox.Add("tier.changed", memberId, new
        {
            memberId, fromTierId = from?.Id, fromTier = from?.Name, toTierId = to.Id, toTier = to.Name, reason,
            direction = from is null || to.Rank > from.Rank ? "up" : "down",
        });
        _read[memberId] = to.Id;
    }
}

/// <summary>
/// Which tier row each member has, kept in memory for a few seconds (<c>Tiers:MemberCacheSeconds</c>, default
/// 10; 0 turns it off): every price quote asks. A saved tier change drops the member's entry at once in this
/// process (see <see cref="Infrastructure.Caching.CacheEviction"/>).
/// </summary>
public sealed class MemberTierCache(IConfiguration config, TimeProvider clock)
{
    private readonly Infrastructure.Caching.OwnedCache<Guid, Guid?> _cache =
        new(clock, () => TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Tiers:MemberCacheSeconds", 10), 0, 300)));

    public long Stamp() => _cache.Stamp();
    public bool TryGet(Guid memberId, out Guid? tierId) => _cache.TryGet(memberId, out tierId);
    public void Add(Guid memberId, Guid? tierId, long readAt) => _cache.Add(memberId, memberId, tierId, readAt);
    public void Evict(IReadOnlyCollection<Guid> memberIds) => _cache.Evict(memberIds);
}
