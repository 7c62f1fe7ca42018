namespace MemberMall.Features.Webhooks;

public enum WebhookStatus { Active, Disabled }

/// <summary>
/// A subscriber's URL and the event types it takes. The signing secret is stored encrypted (it must be read back to
/// sign); after a rotation the previous one keeps signing beside it until <see cref="PreviousSecretUntil"/>.
/// </summary>
public class WebhookEndpoint
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Url { get; private set; } = "";
    /// <summary>Event types, space-separated.</summary>
    public string Events { get; private set; } = "";
    public string? Description { get; private set; }
    public string SecretCipher { get; private set; } = "";
    public string? PreviousSecretCipher { get; private set; }
    public DateTimeOffset? PreviousSecretUntil { get; private set; }
    public WebhookStatus Status { get; private set; } = WebhookStatus.Active;
    /// <summary>When the current run of failed attempts began; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public WebhookEndpoint(string url, IReadOnlyCollection<string> events, string? description, string secretCipher, DateTimeOffset now)
    {
        (Url, Events, Description, SecretCipher, CreatedAt, UpdatedAt) = (url, string.Join(' ', events), description, secretCipher, now, now);
    }

    private WebhookEndpoint() { }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Takes(string type) => Status == WebhookStatus.Active && EventList.Contains(type);

    public void Change(string? url, IReadOnlyCollection<string>? events, string? description, bool? enabled, DateTimeOffset now)
    {
        if (url is not null) Url = url;
        if (events is not null) Events = string.Join(' ', events);
        if (description is not null) Description = description.Length == 0 ? null : description;
        if (enabled == true && Status == WebhookStatus.Disabled) (Status, DisabledAt, FailingSince) = (WebhookStatus.Active, null, null);
        if (enabled == false && Status == WebhookStatus.Active) (Status, DisabledAt) = (WebhookStatus.Disabled, now);
        UpdatedAt = now;
    }

    public void Rotate(string newCipher, DateTimeOffset now, TimeSpan overlap)
    {
        (PreviousSecretCipher, PreviousSecretUntil, SecretCipher, UpdatedAt) = (SecretCipher, now + overlap, newCipher, now);
    }

    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and the previous one during the overlap.</summary>
    public IEnumerable<string> SigningCiphers(DateTimeOffset now)
    {
        yield return SecretCipher;
        if (PreviousSecretCipher is not null && PreviousSecretUntil > now) yield return PreviousSecretCipher;
    }

    public void Succeeded() => FailingSince = null;

    /// <summary>Records a failed attempt; answers true when it disabled the endpoint (failing without pause for <paramref name="disableAfter"/>).</summary>
    public bool Failed(DateTimeOffset now, TimeSpan disableAfter)
    {
        FailingSince ??= now;
        if (Status != WebhookStatus.Active || now - FailingSince < disableAfter) return false;
        (Status, DisabledAt, UpdatedAt) = (WebhookStatus.Disabled, now, now);
        return true;
    }
}
