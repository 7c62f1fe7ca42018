using MemberMall.Common;

namespace MemberMall.Features.Points;

public enum PointsEntryKind { Earn, Release, Redeem, Expire, Adjust, Reverse, TransferOut, TransferIn }

public enum LotStatus { Pending, Available, Expired, Reversed }

/// <summary>
/// A member's points balances. They are a cache of the ledger: <see cref="Available"/> and <see cref="Pending"/>
/// always equal the sums of the entries' changes (a test rebuilds them). Every change goes through one atomic
/// UPDATE of this row, which serialises all changes of one member: a conditional one sent first, or, for an account
/// read with the rows it goes with, the save's own, which finds the balances as they were read or fails whole.
/// </summary>
public class PointsAccount
{
    public Guid MemberId { get; init; }
    public long Available { get; private set; }
    public long Pending { get; private set; }

    /// <summary>Changes the balances of an account read tracked; its save checks both against the values read.</summary>
    internal void Move(long available, long pending)
    {
        if (Available + available < 0 || Pending + pending < 0) throw new InvalidOperationException($"The points account of member {MemberId} would go below zero.");
        (Available, Pending) = (Available + available, Pending + pending);
    }
}

/// <summary>One change to a member's points. Entries are never updated or deleted.</summary>
public class PointsEntry : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public PointsEntryKind Kind { get; init; }
    public long AvailableChange { get; init; }
    public long PendingChange { get; init; }
    public long AvailableAfter { get; init; }
    public long PendingAfter { get; init; }
    public string SourceType { get; init; } = "";
    public string SourceId { get; init; } = "";
    /// <summary>Which rule or step produced the entry; with the source it is unique, so nothing is awarded twice.</summary>
    public string Rule { get; init; } = "";
    public string? Note { get; init; }
    public string ActorName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>For a restore: the debit whose points it puts back.</summary>
    public Guid? ReversesEntryId { get; init; }
    public List<LotDraw> Draws { get; init; } = [];

    public long Points => AvailableChange + PendingChange;
}

/// <summary>Credited points with their own remaining amount and expiry. Spending takes from the soonest-expiring lots first.</summary>
public class PointsLot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid EntryId { get; init; }
    public long Original { get; init; }
    public long Remaining { get; private set; }
    public LotStatus Status { get; private set; }
    public DateTimeOffset EarnedAt { get; init; }
    public DateTimeOffset? AvailableAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    /// <summary>When the member was told these points are about to expire (once per lot).</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    public void MarkReminded(DateTimeOffset now) => RemindedAt ??= now;

    public PointsLot(Guid memberId, Guid entryId, long points, LotStatus status, DateTimeOffset earnedAt, DateTimeOffset? availableAt, DateTimeOffset? expiresAt)
    {
        if (points <= 0) throw new InvalidOperationException("A lot holds a positive number of points.");
        (MemberId, EntryId, Original, Remaining, Status, EarnedAt, AvailableAt, ExpiresAt) = (memberId, entryId, points, points, status, earnedAt, availableAt, expiresAt);
    }

    private PointsLot() { }

    public void ScheduleRelease(DateTimeOffset availableAt)
    {
        if (Status == LotStatus.Pending) AvailableAt = availableAt;
    }

    public void Release(DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        if (Status != LotStatus.Pending) throw new InvalidOperationException("Only a pending lot becomes available.");
        (Status, AvailableAt, ExpiresAt) = (LotStatus.Available, now, expiresAt);
    }

    public long Take(long points)
    {
        var taken = Math.Min(points, Remaining);
        Remaining -= taken;
        if (Remaining == 0 && Status == LotStatus.Pending) Status = LotStatus.Reversed;
        return taken;
    }

    public void Restore(long points)
    {
        if (points <= 0 || Remaining + points > Original) throw new InvalidOperationException("A lot cannot hold more than it was credited.");
        Remaining += points;
    }

    public long Expire()
    {
        var expired = Remaining;
        (Remaining, Status) = (0, LotStatus.Expired);
        return expired;
    }
}

/// <summary>Which lot a debit drew from, so a reversal can put the points back where they came from.</summary>
public class LotDraw
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EntryId { get; init; }
    public Guid LotId { get; init; }
    public long Points { get; init; }
}

/// <summary>The points a paid order line earned, frozen at award time: refunds claw back from these figures, not from today's rules.</summary>
public class PointsAward
{
    public Guid OrderItemId { get; init; }
    public Guid OrderId { get; init; }
    public Guid LotId { get; init; }
    public long EarningBaseFen { get; init; }
    public decimal Rate { get; init; }
    public decimal Multiplier { get; init; }
    public long Points { get; init; }
    public long ClawedBack { get; private set; }

    public long ClawbackFor(int refundedBefore, int refundedNow, int quantity) =>
        refundedBefore + refundedNow >= quantity ? Points - ClawedBack : Points * refundedNow / quantity;

    public void RecordClawback(long points) => ClawedBack += points;
}
