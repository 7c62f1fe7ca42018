namespace MemberMall.Features.Messages;

/// <summary>
/// How a member wants to hear from the shop. Site messages are always on; text messages and e-mail can be turned off.
/// Marketing needs the member's consent, and the time it was last given or withdrawn is kept as the record of it.
/// A member without a row has the defaults: SMS and e-mail on, no marketing consent.
/// </summary>
public class NotificationPreferences
{
    public Guid MemberId { get; init; }
    public bool Sms { get; private set; } = true;
    public bool Email { get; private set; } = true;
    public bool MarketingConsent { get; private set; }
    /// <summary>When consent was last given or withdrawn; null while the member never chose.</summary>
    public DateTimeOffset? MarketingConsentChangedAt { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }

    public void Update(bool sms, bool email, bool marketing, DateTimeOffset now)
    {
        // The first choice is recorded too: declining is an answer.
        if (UpdatedAt is null || marketing != MarketingConsent) MarketingConsentChangedAt = now;
        (Sms, Email, MarketingConsent, UpdatedAt) = (sms, email, marketing, now);
    }
}
