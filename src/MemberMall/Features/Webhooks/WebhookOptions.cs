namespace MemberMall.Features.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>Allows http and private, loopback and link-local addresses (Development and tests). Off in production.</summary>
    public bool AllowPrivateAddresses { get; set; }
    /// <summary>The wait after the first failed attempt; each further one doubles it (see docs/webhooks.md).</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    /// <summary>Hours a delivery is retried before it is marked failed.</summary>
    public double RetryHours { get; set; } = 24;
    /// <summary>An endpoint whose attempts all fail for this long is disabled.</summary>
    public double DisableAfterHours { get; set; } = 72;
    /// <summary>Hours the previous secret keeps signing after a rotation.</summary>
    public double RotationOverlapHours { get; set; } = 24;
    public int TimeoutSeconds { get; set; } = 10;
}
