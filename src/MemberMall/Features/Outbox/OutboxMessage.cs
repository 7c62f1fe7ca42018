namespace MemberMall.Features.Outbox;

/// <summary>
/// An event written in the same transaction as the change it describes (order.paid, stock.low, ...), for the
/// loyalty engine and webhooks to consume. <see cref="ProcessedAt"/> is set by whoever delivers it.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Type { get; init; } = "";
    public string AggregateId { get; init; } = "";
    public string Payload { get; init; } = "{}";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; private set; }
    public int Attempts { get; private set; }

    public void MarkProcessed(DateTimeOffset now)
    {
        Attempts++;
        ProcessedAt = now;
    }
}
