namespace MemberMall.Infrastructure.Idempotency;

/// <summary>The first answer to a request sent with an <c>Idempotency-Key</c>, replayed for repeats.</summary>
public class IdempotencyRecord
{
    public string Scope { get; init; } = "";
    public string Key { get; init; } = "";
    public string RequestHash { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
