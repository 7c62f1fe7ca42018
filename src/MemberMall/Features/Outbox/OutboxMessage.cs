namespace MemberMall.Features.Outbox;

/// <summary>
/// An event written in the same transaction as the change it describes (order.paid, stock.low, ...), for the
/// dispatcher to hand to its consumers (webhooks). The id is sequential (<see cref="SequentialIds"/>), so the order
/// of ids is the order the events were written in. A dispatcher claims a row with a lease (<see cref="LeaseOwner"/>,
/// <see cref="LeaseUntil"/>) and marks it processed in the same transaction as the consumers take it.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; init; } = SequentialIds.Next();
    public string Type { get; init; } = "";
    public string AggregateId { get; init; } = "";
    public string Payload { get; init; } = "{}";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }

    public void MarkProcessed(DateTimeOffset now)
    {
        Attempts++;
        ProcessedAt = now;
        LeaseUntil = null;
    }
}
