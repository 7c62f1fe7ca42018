namespace MemberMall.Features.Webhooks;

public enum DeliveryStatus { Pending, Succeeded, Failed }

/// <summary>
/// One event for one endpoint, and its log: the body is built once, so every attempt and a resend send the same bytes
/// under the same <see cref="Id"/> (the envelope id and the <c>webhook-id</c> header). <see cref="EventOrder"/> is the
/// outbox row's id: a member's deliveries to an endpoint go out in that order.
/// </summary>
public class WebhookDelivery
{
    public const int ExcerptLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EndpointId { get; init; }
    public string EventType { get; init; } = "";
    public Guid EventOrder { get; init; }
    /// <summary>The member the event is about, for ordering; null when it is about no member (stock.low).</summary>
    public string? MemberKey { get; init; }
    public string Body { get; init; } = "";
    public DeliveryStatus Status { get; private set; } = DeliveryStatus.Pending;
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LeaseUntil { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public int? ResponseStatus { get; private set; }
    public int? LatencyMs { get; private set; }
    public string? ResponseExcerpt { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Start of the retry window: creation, or the last resend.</summary>
    public DateTimeOffset RetryFrom { get; private set; }

    public WebhookDelivery(Guid endpointId, string eventType, Guid eventOrder, string? memberKey, Guid id, string body, DateTimeOffset now)
    {
        (EndpointId, EventType, EventOrder, MemberKey, Id, Body, CreatedAt, NextAttemptAt, RetryFrom) =
            (endpointId, eventType, eventOrder, memberKey, id, body, now, now, now);
    }

    private WebhookDelivery() { }

    public void Succeed(DateTimeOffset now, int status, int latencyMs, string? excerpt)
    {
        Record(now, status, latencyMs, excerpt, null);
        (Status, DeliveredAt, LeaseUntil) = (DeliveryStatus.Succeeded, now, null);
    }

    /// <summary>A failed attempt: retried at <paramref name="next"/>, or failed for good when that falls past the retry window.</summary>
    public void Fail(DateTimeOffset now, int? status, int latencyMs, string? excerpt, string? error, DateTimeOffset next, TimeSpan window)
    {
        Record(now, status, latencyMs, excerpt, error);
        LeaseUntil = null;
        if (next > RetryFrom + window) Status = DeliveryStatus.Failed;
        else NextAttemptAt = next;
    }

    /// <summary>Sends the same event again from now on, with a fresh retry window.</summary>
    public void Resend(DateTimeOffset now) => (Status, NextAttemptAt, RetryFrom, LeaseUntil) = (DeliveryStatus.Pending, now, now, null);

    private void Record(DateTimeOffset now, int? status, int latencyMs, string? excerpt, string? error)
    {
        Attempts++;
        (LastAttemptAt, ResponseStatus, LatencyMs, Error) = (now, status, latencyMs, error);
        ResponseExcerpt = excerpt is { Length: > ExcerptLength } ? excerpt[..ExcerptLength] : excerpt;
    }
}
