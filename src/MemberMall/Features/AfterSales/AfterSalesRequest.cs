using MemberMall.Common;

namespace MemberMall.Features.AfterSales;

public enum AfterSalesType { Refund, Return, Exchange }

public enum AfterSalesStatus { Requested, Approved, Rejected, Received, Refunded, Completed }

/// <summary>
/// A member's refund-only, return-and-refund or exchange request for some units of some lines.
/// refund: requested → approved → refunded; return: requested → approved → received → refunded;
/// exchange: requested → approved → received → completed; any open request may be rejected.
/// </summary>
public class AfterSalesRequest
{
    public static readonly AfterSalesStatus[] OpenStatuses = [AfterSalesStatus.Requested, AfterSalesStatus.Approved, AfterSalesStatus.Received];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string RequestNo { get; init; } = "";
    public Guid OrderId { get; init; }
    public Guid MemberId { get; init; }
    public AfterSalesType Type { get; init; }
    public AfterSalesStatus Status { get; private set; }
    public string Reason { get; init; } = "";
    public List<string> Photos { get; init; } = [];
    public List<AfterSalesItem> Items { get; init; } = [];
    public long RefundFen { get; private set; }
    public string? StaffNote { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; private set; }

    public void Approve(string? note, DateTimeOffset now) => Move(AfterSalesStatus.Requested, AfterSalesStatus.Approved, "approve", note, now);

    public void Reject(string? note, DateTimeOffset now)
    {
        if (!OpenStatuses.Contains(Status) || Status == AfterSalesStatus.Received) throw Invalid("reject");
        (Status, StaffNote, UpdatedAt) = (AfterSalesStatus.Rejected, note, now);
        Version++;
    }

    public void Receive(DateTimeOffset now)
    {
        if (Type == AfterSalesType.Refund) throw new DomainException("aftersales.no_goods", "A refund-only request has no goods to receive.");
        Move(AfterSalesStatus.Approved, AfterSalesStatus.Received, "receive", null, now);
    }

    public void Refunded(long amountFen, DateTimeOffset now)
    {
        if (Type == AfterSalesType.Exchange) throw new DomainException("aftersales.exchange_not_refunded", "An exchange sends a replacement, not money.");
        Move(Type == AfterSalesType.Refund ? AfterSalesStatus.Approved : AfterSalesStatus.Received, AfterSalesStatus.Refunded, "refund", null, now);
        RefundFen = amountFen;
    }

    public void CompleteExchange(DateTimeOffset now)
    {
        if (Type != AfterSalesType.Exchange) throw new DomainException("aftersales.not_exchange", "Only an exchange is completed by shipping a replacement.");
        Move(AfterSalesStatus.Received, AfterSalesStatus.Completed, "complete", null, now);
    }

    private void Move(AfterSalesStatus from, AfterSalesStatus to, string action, string? note, DateTimeOffset now)
    {
        if (Status != from) throw Invalid(action);
        (Status, UpdatedAt) = (to, now);
        if (note is not null) StaffNote = note;
        Version++;
    }

    private DomainException Invalid(string action) =>
        new("aftersales.invalid_transition", $"A {EnumText.Snake(Type)} request that is {EnumText.Snake(Status)} cannot {action}.");
}

public class AfterSalesItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RequestId { get; init; }
    public Guid OrderItemId { get; init; }
    public int Quantity { get; init; }
}
