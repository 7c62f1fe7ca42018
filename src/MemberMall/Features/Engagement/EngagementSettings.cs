using MemberMall.Common;

namespace MemberMall.Features.Engagement;

/// <summary>The points a daily check-in, a streak and a referral bring. One row.</summary>
public class EngagementSettings
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;

    public long CheckInPoints { get; private set; } = 5;
    public int StreakBonusDay { get; private set; } = 7;
    public long StreakBonusPoints { get; private set; } = 50;
    public long ReferrerPoints { get; private set; } = 500;
    public long RefereePoints { get; private set; } = 300;
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Set(long checkInPoints, int streakBonusDay, long streakBonusPoints, long referrerPoints, long refereePoints, DateTimeOffset now)
    {
        if (checkInPoints < 0 || streakBonusDay is < 2 or > 365 || streakBonusPoints < 0 || referrerPoints < 0 || refereePoints < 0)
            throw new DomainException("engagement.rule_invalid", "Check-in and referral rewards cannot be negative; the streak bonus comes on day 2 to 365.");
        (CheckInPoints, StreakBonusDay, StreakBonusPoints, ReferrerPoints, RefereePoints, UpdatedAt) = (checkInPoints, streakBonusDay, streakBonusPoints, referrerPoints, refereePoints, now);
    }
}
