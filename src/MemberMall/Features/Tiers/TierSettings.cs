using MemberMall.Common;

namespace MemberMall.Features.Tiers;

/// <summary>How members move down the ladder when they no longer qualify. One row.</summary>
public class TierSettings
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;

    public DowngradePolicy Downgrade { get; private set; } = DowngradePolicy.OneStepWithGrace;
    public int GraceDays { get; private set; } = 30;
    public DateTimeOffset UpdatedAt { get; private set; }

    public void SetPolicy(DowngradePolicy policy, int graceDays, DateTimeOffset now)
    {
        if (graceDays is < 0 or > 365) throw new DomainException("tier.grace_invalid", "The grace period is 0 to 365 days.");
        (Downgrade, GraceDays, UpdatedAt) = (policy, graceDays, now);
    }
}
