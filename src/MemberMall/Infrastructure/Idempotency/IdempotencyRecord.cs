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

/// <summary>
/// Endpoint metadata: the handler does no database work after its unit of work's save, and its answer is built from
/// what it saved. Sent with an <c>Idempotency-Key</c> on PostgreSQL, that save then goes with the stored answer and the
/// <c>COMMIT</c> in one round trip (<see cref="RequestUnit.SavesWithAnswer"/>); a save that fails there is reported as if
/// the handler had raised it.
/// </summary>
public sealed class SavedWithAnswer
{
    public static readonly SavedWithAnswer Instance = new();

    private SavedWithAnswer() { }
}
