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
/// Endpoint metadata: the answer carries a secret (a session's access and refresh tokens), so it is never stored as an
/// idempotency record; the route ignores <c>Idempotency-Key</c> and a repeat runs again. Tokens are stored only as hashes.
/// </summary>
public sealed class AnswerHoldsSecrets
{
    public static readonly AnswerHoldsSecrets Instance = new();

    private AnswerHoldsSecrets() { }
}

public static class IdempotencyEndpoints
{
    /// <summary>Marks a route whose answer carries a secret: see <see cref="AnswerHoldsSecrets"/>.</summary>
    public static RouteHandlerBuilder AnswerHoldsSecrets(this RouteHandlerBuilder route) => route.WithMetadata(Idempotency.AnswerHoldsSecrets.Instance);
}
