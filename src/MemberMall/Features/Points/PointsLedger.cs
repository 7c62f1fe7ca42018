using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

public sealed record PointsSource(string Type, string Id, string Rule);

/// <summary>
/// The only writer of points. Each operation first changes the member's account row with one conditional
/// UPDATE (in PostgreSQL that row stays locked until commit, in SQLite the write transaction is exclusive), so
/// the lots and entries that follow are written by one request at a time per member. Each entry carries a
/// (source type, source id, rule) key that the database keeps unique: a repeat is a no-op, never a second award.
/// Credits, debits and releases ask "done before?" in that same UPDATE; only when it changes nothing do they look
/// up why. All of it runs in the caller's transaction.
/// A credit to an account the caller read tracked with its own rows (a payment notice reads it with the payment)
/// changes it in memory instead: the save's UPDATE of the row, sent with the entries and lots, takes the lock and
/// fails the whole save when the balances are no longer those read, and the entries' unique key stands in for the
/// "done before?". Every later change of that member in the same unit goes the same way.
/// </summary>
public sealed class PointsLedger(MallDb db, TimeProvider clock, Outbox.Outbox outbox)
{
    /// <summary>Accounts changed in memory, to be saved with the unit's batch.</summary>
    private Dictionary<Guid, PointsAccount>? _held;

    private Balance Hold(PointsAccount account, long available, long pending)
    {
        account.Move(available, pending);
        (_held ??= [])[account.MemberId] = account;
        return new Balance(account.Available, account.Pending);
    }

    /// <summary>The statements that change an account in the database must not follow a change held in memory.</summary>
    private void NotHeld(Guid memberId)
    {
        if (_held?.ContainsKey(memberId) == true)
            throw new InvalidOperationException($"The points account of member {memberId} was changed in memory in this unit; change it the same way.");
    }

    public Task<bool> DoneAsync(PointsSource source, CancellationToken ct) => Done(db, source.Type, source.Id, source.Rule, ct);

    private static readonly Func<MallDb, string, string, string, CancellationToken, Task<bool>> Done = EF.CompileAsyncQuery(
        (MallDb db, string type, string id, string rule, CancellationToken ct) => db.PointsEntries.Any(e => e.SourceType == type && e.SourceId == id && e.Rule == rule));

    /// <summary>
    /// Credits points into a new lot: pending (released later) or available at once with an expiry.
    /// <paramref name="read"/> is the member's account when the caller read it tracked with its own rows.
    /// </summary>
    public async Task<(PointsEntry Entry, PointsLot Lot)?> CreditAsync(Guid memberId, long points, bool pending, DateTimeOffset? expiresAt,
        PointsSource source, string? note, Actor actor, CancellationToken ct, PointsAccount? read = null)
    {
        if (points <= 0) return null;
        var (toAvailable, toPending) = pending ? (0L, points) : (points, 0L);
        if (read is not null && read.MemberId != memberId) throw new ArgumentException($"The account read is member {read.MemberId}'s, not {memberId}'s.", nameof(read));
        var held = read ?? _held?.GetValueOrDefault(memberId);
        var balance = held is null ? await MoveOnceAsync(memberId, toAvailable, toPending, source, ct) : Hold(held, toAvailable, toPending);
        if (balance is null)
        {
            // Nothing changed: credited before, or no account yet (a credit never lowers a balance).
            if (await DoneAsync(source, ct)) return null;
            await EnsureAccountAsync(memberId, ct);
            balance = await MoveOnceAsync(memberId, toAvailable, toPending, source, ct)
                ?? throw new InvalidOperationException($"The points account of member {memberId} could not be credited.");
        }
        var now = clock.GetUtcNow();
        var entry = EntryAfter(balance, memberId, source.Type == "adjustment" ? PointsEntryKind.Adjust : PointsEntryKind.Earn,
            toAvailable, toPending, source, note, actor, pending ? null : expiresAt, []);
        var lot = new PointsLot(memberId, entry.Id, points, pending ? LotStatus.Pending : LotStatus.Available, now, pending ? null : now, pending ? null : expiresAt);
        db.PointsLots.Add(lot);
        return (entry, lot);
    }

    /// <summary>A pending lot becomes spendable.</summary>
    public async Task ReleaseAsync(PointsLot lot, DateTimeOffset? expiresAt, Actor actor, CancellationToken ct)
    {
        var source = new PointsSource("lot", lot.Id.ToString(), "release");
        if (lot.Status != LotStatus.Pending) return;
        var points = lot.Remaining;
        var balance = await MoveOnceAsync(lot.MemberId, points, -points, source, ct);
        if (balance is null)
        {
            if (await DoneAsync(source, ct)) return;
            throw await NotCoveredAsync(lot, ct);
        }
        lot.Release(clock.GetUtcNow(), expiresAt);
        if (points > 0)
            EntryAfter(balance, lot.MemberId, PointsEntryKind.Release, points, -points, source, null, actor, expiresAt, [new LotDraw { LotId = lot.Id, Points = points }]);
    }

    /// <summary>Spends points from the soonest-expiring lots first; refuses rather than going below zero.</summary>
    public async Task<PointsEntry?> DebitAsync(Guid memberId, long points, PointsEntryKind kind, PointsSource source, string? note, Actor actor, CancellationToken ct)
    {
        if (points <= 0) throw new RequestValidationException("points.amount_invalid", "points", "Points must be above zero.");
        // No account yet is a balance of zero: refused like any other shortfall, unless this debit was made before.
        var balance = await MoveOnceAsync(memberId, -points, 0, source, ct);
        if (balance is null)
        {
            if (await DoneAsync(source, ct)) return null;
            throw new DomainException("points.insufficient", "The points balance does not cover this.");
        }
        var lots = await db.PointsLots.Where(l => l.MemberId == memberId && l.Status == LotStatus.Available && l.Remaining > 0)
            .OrderBy(l => l.ExpiresAt == null).ThenBy(l => l.ExpiresAt).ThenBy(l => l.EarnedAt).ThenBy(l => l.Id).ToListAsync(ct);
        var draws = new List<LotDraw>();
        var left = points;
        foreach (var lot in lots)
        {
            if (left == 0) break;
            var taken = lot.Take(left);
            draws.Add(new LotDraw { LotId = lot.Id, Points = taken });
            left -= taken;
        }
        if (left > 0) throw new InvalidOperationException($"The lots of member {memberId} hold less than the balance.");
        return EntryAfter(balance, memberId, kind, -points, 0, source, note, actor, null, draws);
    }

    /// <summary>
    /// Puts up to <paramref name="points"/> of a debit back into the lots it drew from, with their original expiry.
    /// Points whose lot has meanwhile expired come back and expire at once, both visible in the ledger.
    /// </summary>
    public async Task<long> RestoreAsync(PointsEntry debit, long points, PointsSource source, string? note, Actor actor, CancellationToken ct)
    {
        NotHeld(debit.MemberId);
        if (points <= 0 || await DoneAsync(source, ct)) return 0;
        // The account row first, as in every other operation: the lots read next cannot change before this commits.
        await db.PointsAccounts.Where(a => a.MemberId == debit.MemberId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Available, a => a.Available), ct);
        var draws = await db.LotDraws.Where(d => d.EntryId == debit.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var lotIds = draws.Select(d => d.LotId).ToList();
        var lots = await db.PointsLots.Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var alreadyBack = await (from e in db.PointsEntries
                                 join d in db.LotDraws on e.Id equals d.EntryId
                                 where e.ReversesEntryId == debit.Id
                                 select new { d.LotId, d.Points }).ToListAsync(ct);
        var restored = new List<LotDraw>();
        long expired = 0, left = points;
        foreach (var draw in draws)
        {
            var lot = lots[draw.LotId];
            var room = draw.Points - alreadyBack.Where(b => b.LotId == lot.Id).Sum(b => b.Points);
            var back = Math.Min(left, room);
            if (back <= 0) continue;
            if (lot.Status == LotStatus.Expired) expired += back;
            else lot.Restore(back);
            restored.Add(new LotDraw { LotId = lot.Id, Points = back });
            left -= back;
            if (left == 0) break;
        }
        var total = points - left;
        if (total == 0) return 0;
        await db.PointsAccounts.Where(a => a.MemberId == debit.MemberId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Available, a => a.Available + total), ct);
        var entry = await EntryAsync(debit.MemberId, PointsEntryKind.Reverse, total, 0, source, note, actor, null, restored, ct, reverses: debit.Id);
        if (expired > 0)
        {
            await db.PointsAccounts.Where(a => a.MemberId == debit.MemberId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Available, a => a.Available - expired), ct);
            await EntryAsync(debit.MemberId, PointsEntryKind.Expire, -expired, 0, new PointsSource("entry", entry.Id.ToString(), "expire-restored"),
                "returned to a lot that had expired", Actor.System, null, [], ct);
        }
        return total;
    }

    /// <summary>Takes back up to <paramref name="points"/> from one lot (pending or available), never more than it still holds.</summary>
    public async Task<long> ClawbackAsync(PointsLot lot, long points, PointsSource source, string? note, Actor actor, CancellationToken ct)
    {
        NotHeld(lot.MemberId);
        if (points <= 0 || lot.Status is LotStatus.Expired || await DoneAsync(source, ct)) return 0;
        var wasPending = lot.Status == LotStatus.Pending;
        var taken = lot.Take(points);
        if (taken == 0) return 0;
        var changed = wasPending
            ? await db.PointsAccounts.Where(a => a.MemberId == lot.MemberId && a.Pending >= taken).ExecuteUpdateAsync(s => s.SetProperty(a => a.Pending, a => a.Pending - taken), ct)
            : await db.PointsAccounts.Where(a => a.MemberId == lot.MemberId && a.Available >= taken).ExecuteUpdateAsync(s => s.SetProperty(a => a.Available, a => a.Available - taken), ct);
        if (changed == 0) throw await NotCoveredAsync(lot, ct);
        await EntryAsync(lot.MemberId, PointsEntryKind.Reverse, wasPending ? 0 : -taken, wasPending ? -taken : 0, source, note, actor, null,
            [new LotDraw { LotId = lot.Id, Points = taken }], ct);
        return taken;
    }

    /// <summary>
    /// Expires what is left of one lot past its expiry, reading its account tracked here; the scheduled job does the same
    /// a batch at a time through <see cref="Expire"/>. Reads never expire anything.
    /// </summary>
    public async Task<long> ExpireAsync(PointsLot lot, CancellationToken ct)
    {
        var account = await db.PointsAccounts.SingleOrDefaultAsync(a => a.MemberId == lot.MemberId, ct);
        if (lot.Status == LotStatus.Available && (account is null || account.Available < lot.Remaining)) throw await NotCoveredAsync(lot, ct);
        return account is null ? 0 : Expire(account, lot);
    }

    /// <summary>
    /// Expires what is left of a due lot whose account the caller read tracked (the expiry job, a batch of members at a
    /// time): the lot, the account and the entry change in memory and go with the caller's save, which fails whole when
    /// the account or the lot is no longer as it was read.
    /// </summary>
    public long Expire(PointsAccount account, PointsLot lot)
    {
        if (account.MemberId != lot.MemberId) throw new ArgumentException($"Lot {lot.Id} is not member {account.MemberId}'s.", nameof(lot));
        if (lot.Status != LotStatus.Available) return 0;
        var points = lot.Remaining;
        lot.Expire();
        if (points == 0) return 0;
        var balance = Hold(account, -points, 0);
        EntryAfter(balance, lot.MemberId, PointsEntryKind.Expire, -points, 0, new PointsSource("lot", lot.Id.ToString(), "expire"), null, Actor.System,
            lot.ExpiresAt, [new LotDraw { LotId = lot.Id, Points = points }]);
        return points;
    }

    /// <summary>Callers read a lot before its account is locked: a stale read, or a broken ledger.</summary>
    private Task<Exception> NotCoveredAsync(PointsLot lot, CancellationToken ct) =>
        db.NotCoveredAsync(lot, $"The account of member {lot.MemberId} does not cover lot {lot.Id}.", ct);

    private async Task EnsureAccountAsync(Guid memberId, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO points_accounts (member_id, available, pending) VALUES ({memberId}, 0, 0) ON CONFLICT (member_id) DO NOTHING", ct);

    /// <summary>The balances of one account as a change left them.</summary>
    public sealed record Balance(long Available, long Pending);

    /// <summary>
    /// Changes an account's balances in one statement, which also takes its row lock, and answers them as they
    /// are afterwards; null when the account does not exist, either balance would go below zero, or an entry
    /// from <paramref name="source"/> exists already (the unique key on entries stays the last word on repeats).
    /// </summary>
    private async Task<Balance?> MoveOnceAsync(Guid memberId, long available, long pending, PointsSource source, CancellationToken ct)
    {
        NotHeld(memberId);
        var (type, id, rule) = (source.Type, source.Id, source.Rule);
        var changed = await db.PointsAccounts
            .Where(a => a.MemberId == memberId && a.Available + available >= 0 && a.Pending + pending >= 0
                        && !db.PointsEntries.Any(e => e.SourceType == type && e.SourceId == id && e.Rule == rule))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Available, a => a.Available + available).SetProperty(a => a.Pending, a => a.Pending + pending), ct);
        if (changed == 0) return null;
        return await BalanceOf(db, memberId, ct);
    }

    // The account row is locked by the update until the caller commits: this reads it as the update left it.
    private static readonly Func<MallDb, Guid, CancellationToken, Task<Balance>> BalanceOf = EF.CompileAsyncQuery(
        (MallDb db, Guid memberId, CancellationToken ct) => db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => new Balance(a.Available, a.Pending)).Single());

    private async Task<PointsEntry> EntryAsync(Guid memberId, PointsEntryKind kind, long availableChange, long pendingChange, PointsSource source, string? note,
        Actor actor, DateTimeOffset? expiresAt, List<LotDraw> draws, CancellationToken ct, Guid? reverses = null)
    {
        var balance = await BalanceOf(db, memberId, ct);
        return EntryAfter(balance, memberId, kind, availableChange, pendingChange, source, note, actor, expiresAt, draws, reverses);
    }

    private PointsEntry EntryAfter(Balance balance, Guid memberId, PointsEntryKind kind, long availableChange, long pendingChange, PointsSource source, string? note,
        Actor actor, DateTimeOffset? expiresAt, List<LotDraw> draws, Guid? reverses = null)
    {
        var entry = new PointsEntry
        {
            MemberId = memberId, Kind = kind, AvailableChange = availableChange, PendingChange = pendingChange, AvailableAfter = balance.Available,
            PendingAfter = balance.Pending, SourceType = source.Type, SourceId = source.Id, Rule = source.Rule, Note = note, ActorName = actor.Name,
            CreatedAt = clock.GetUtcNow(), ExpiresAt = expiresAt, ReversesEntryId = reverses,
        };
        foreach (var d in draws) entry.Draws.Add(new LotDraw { EntryId = entry.Id, LotId = d.LotId, Points = d.Points });
        db.PointsEntries.Add(entry);
        outbox.Add("points.changed", memberId, new
        {
            memberId, entryId = entry.Id, kind = EnumText.Snake(kind), availableChange, pendingChange, available = balance.Available, pending = balance.Pending,
            sourceType = source.Type, sourceId = source.Id,
        });
        return entry;
    }
}
