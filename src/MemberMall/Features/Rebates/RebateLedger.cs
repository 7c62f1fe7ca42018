using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Rebates;

/// <summary>
/// The only writer of rebate balances: one conditional UPDATE on the member's account row per change (so money
/// never goes below zero and concurrent requests queue on that row), then an entry whose (source, rule) key is
/// unique in the database. Runs in the caller's transaction.
/// </summary>
public sealed class RebateLedger(MallDb db, TimeProvider clock)
{
    public Task<bool> DoneAsync(string type, string id, string rule, CancellationToken ct) =>
        db.RebateEntries.AnyAsync(e => e.SourceType == type && e.SourceId == id && e.Rule == rule, ct);

    /// <summary>Applies the changes if the balances allow it; false when available or frozen money would go negative.</summary>
    public async Task<bool> MoveAsync(Guid memberId, RebateEntryKind kind, long pending, long available, long frozen, string type, string id, string rule, CancellationToken ct)
    {
        if (await DoneAsync(type, id, rule, ct)) return true;
        await EnsureAccountAsync(memberId, ct);
        var changed = await db.RebateAccounts
            .Where(a => a.MemberId == memberId && a.PendingFen + pending >= 0 && a.AvailableFen + available >= 0 && a.FrozenFen + frozen >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PendingFen, a => a.PendingFen + pending)
                .SetProperty(a => a.AvailableFen, a => a.AvailableFen + available).SetProperty(a => a.FrozenFen, a => a.FrozenFen + frozen), ct);
        if (changed == 0) return false;
        var after = await db.RebateAccounts.AsNoTracking().Where(a => a.MemberId == memberId).Select(a => a.AvailableFen).SingleAsync(ct);
        db.RebateEntries.Add(new RebateEntry
        {
            MemberId = memberId, Kind = kind, PendingChange = pending, AvailableChange = available, FrozenChange = frozen, AvailableAfter = after,
            SourceType = type, SourceId = id, Rule = rule, CreatedAt = clock.GetUtcNow(),
        });
        return true;
    }

    /// <summary>
    /// Takes the member's account row lock (every balance change takes it first) for the rest of the caller's
    /// transaction, so that what the caller reads next cannot change under it. A member without an account has no
    /// rebates to change: there is nothing to lock.
    /// </summary>
    public Task LockAsync(Guid memberId, CancellationToken ct) =>
        db.RebateAccounts.Where(a => a.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PendingFen, a => a.PendingFen), ct);

    private Task<int> EnsureAccountAsync(Guid memberId, CancellationToken ct) => db.Database.ExecuteSqlInterpolatedAsync(
        $"INSERT INTO rebate_accounts (member_id, pending_fen, available_fen, frozen_fen) VALUES ({memberId}, 0, 0, 0) ON CONFLICT (member_id) DO NOTHING", ct);

    public async Task<long> AvailableAsync(Guid memberId, CancellationToken ct) =>
        await db.RebateAccounts.AsNoTracking().Where(a => a.MemberId == memberId).Select(a => a.AvailableFen).SingleOrDefaultAsync(ct);

    public static DomainException Insufficient() => new("rebate.insufficient", "The rebate balance does not cover this.");
}
