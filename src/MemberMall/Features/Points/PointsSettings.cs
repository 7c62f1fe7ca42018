using MemberMall.Common;

namespace MemberMall.Features.Points;

public enum ExpiryPolicy { DaysAfterAvailable, EndOfMonth, EndOfYear, Never }

/// <summary>The shop's points rules: how points are earned, spent and when they expire. One row.</summary>
public class PointsSettings
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;

    /// <summary>Points per yuan of earning base (paid for goods: no freight, no points deduction).</summary>
    public decimal EarnRate { get; private set; } = 1m;
    public int ReturnWindowDays { get; private set; } = 7;
    public ExpiryPolicy Expiry { get; private set; } = ExpiryPolicy.DaysAfterAvailable;
    /// <summary>For <see cref="ExpiryPolicy.DaysAfterAvailable"/> the lifetime; for month/year ends, the days added before rounding to the period's end.</summary>
    public int ExpiryDays { get; private set; } = 365;
    public int RedeemPointsPerYuan { get; private set; } = 100;
    public long RedeemMinPoints { get; private set; } = 100;
    public long RedeemMaxPointsPerOrder { get; private set; } = 100_000;
    /// <summary>The largest share of the goods total that points may pay, in percent.</summary>
    public int RedeemMaxSharePercent { get; private set; } = 50;
    public long RegistrationPoints { get; private set; } = 100;
    public long FirstOrderPoints { get; private set; } = 200;
    public long ReviewPoints { get; private set; } = 10;
    /// <summary>How many days before expiry the member is reminded.</summary>
    public int ExpiryReminderDays { get; private set; } = 7;
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Update(decimal earnRate, int returnWindowDays, ExpiryPolicy expiry, int expiryDays, int redeemPointsPerYuan, long redeemMinPoints,
        long redeemMaxPointsPerOrder, int redeemMaxSharePercent, long registrationPoints, long firstOrderPoints, long reviewPoints, DateTimeOffset now)
    {
        if (earnRate < 0 || earnRate > 100) throw new DomainException("points.rate_invalid", "The earning rate must be between 0 and 100 points per yuan.");
        if (returnWindowDays is < 0 or > 90) throw new DomainException("points.window_invalid", "The return window is 0 to 90 days.");
        if (expiryDays is < 0 or > 3650) throw new DomainException("points.expiry_invalid", "Expiry is 0 to 3650 days.");
        if (redeemPointsPerYuan is < 1 or > 10_000 || redeemMinPoints < 0 || redeemMaxPointsPerOrder < redeemMinPoints || redeemMaxSharePercent is < 0 or > 100)
            throw new DomainException("points.redeem_rule_invalid", "The redemption rules do not fit together.");
        if (registrationPoints < 0 || firstOrderPoints < 0 || reviewPoints < 0) throw new DomainException("points.bonus_invalid", "Bonus points cannot be negative.");
        (EarnRate, ReturnWindowDays, Expiry, ExpiryDays, RedeemPointsPerYuan, RedeemMinPoints, RedeemMaxPointsPerOrder, RedeemMaxSharePercent) =
            (earnRate, returnWindowDays, expiry, expiryDays, redeemPointsPerYuan, redeemMinPoints, redeemMaxPointsPerOrder, redeemMaxSharePercent);
        (RegistrationPoints, FirstOrderPoints, ReviewPoints, UpdatedAt) = (registrationPoints, firstOrderPoints, reviewPoints, now);
    }

    /// <summary>When points that become available at <paramref name="availableAt"/> expire, in the shop's time zone.</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset availableAt, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(availableAt, zone).AddDays(ExpiryDays);
        DateTime? end = Expiry switch
        {
            ExpiryPolicy.Never => null,
            ExpiryPolicy.DaysAfterAvailable => local.DateTime,
            ExpiryPolicy.EndOfMonth => new DateTime(local.Year, local.Month, 1).AddMonths(1),
            _ => new DateTime(local.Year + 1, 1, 1),
        };
        if (end is null) return null;
        if (Expiry == ExpiryPolicy.DaysAfterAvailable) return availableAt.AddDays(ExpiryDays);
        return new DateTimeOffset(end.Value, zone.GetUtcOffset(end.Value)).ToUniversalTime();
    }

    /// <summary>How many points an amount of fen may be paid with, and what they are worth.</summary>
    public long FenForPoints(long points) => points * 100 / RedeemPointsPerYuan;

    public long MaxPointsFor(long goodsFen) =>
        Math.Min(RedeemMaxPointsPerOrder, goodsFen * RedeemMaxSharePercent / 100 * RedeemPointsPerYuan / 100);
}

/// <summary>A per-category or per-product earning rate, or an exclusion (rate 0).</summary>
public class PointsRule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Scope { get; private set; } = "category";
    public Guid TargetId { get; private set; }
    public decimal Rate { get; private set; }
    public string? Name { get; private set; }

    public PointsRule(string scope, Guid targetId, decimal rate, string? name)
    {
        if (scope is not ("category" or "product")) throw new RequestValidationException("points.rule_scope_invalid", "scope", "Scope is category or product.");
        if (rate is < 0 or > 100) throw new DomainException("points.rate_invalid", "The rate must be between 0 and 100 points per yuan.");
        (Scope, TargetId, Rate, Name) = (scope, targetId, rate, name);
    }

    private PointsRule() { }
}

/// <summary>A campaign multiplier for a date range, e.g. member day double points.</summary>
public class PointsCampaign
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public decimal Multiplier { get; private set; }

    public PointsCampaign(string name, DateTimeOffset startsAt, DateTimeOffset endsAt, decimal multiplier)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RequestValidationException("campaign.name_required", "name", "A campaign needs a name.");
        if (endsAt <= startsAt) throw new DomainException("campaign.dates_invalid", "A campaign must end after it starts.");
        if (multiplier is < 1 or > 10) throw new DomainException("campaign.multiplier_invalid", "The multiplier is between 1 and 10.");
        (Name, StartsAt, EndsAt, Multiplier) = (name.Trim(), startsAt, endsAt, multiplier);
    }

    private PointsCampaign() { }
}
