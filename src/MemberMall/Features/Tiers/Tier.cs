using MemberMall.Common;

namespace MemberMall.Features.Tiers;

public enum TierMetric { Spend, Orders, Points }

public enum TierWindow { RollingDays, CalendarYear }

public enum DowngradePolicy { Never, Periodic, OneStepWithGrace }

/// <summary>
/// A membership level (普通会员, 银卡, 金卡, 钻石) with what it takes to reach it and what it gives.
/// Rank 0 is the level every member starts at.
/// </summary>
public class Tier
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Rank { get; private set; }
    public TierMetric Metric { get; private set; }
    /// <summary>Fen for spend, a count for orders, points for points.</summary>
    public long Threshold { get; private set; }
    public TierWindow Window { get; private set; }
    public int WindowDays { get; private set; } = 365;
    /// <summary>Price paid in percent of list price: 95 means 5% off.</summary>
    public int PricePercent { get; private set; } = 100;
    public decimal PointsMultiplier { get; private set; } = 1m;
    public decimal RebatePercent { get; private set; }
    public bool FreeShipping { get; private set; }
    public long BirthdayPoints { get; private set; }
    public bool PriorityService { get; private set; }

    public Tier(string code, string name, int rank) => Define(code, name, rank);

    private Tier() { }

    public void Define(string code, string name, int rank)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20 || string.IsNullOrWhiteSpace(name))
            throw new RequestValidationException("tier.name_invalid", "code", "A tier needs a code (up to 20 characters) and a name.");
        if (rank is < 0 or > 20) throw new RequestValidationException("tier.rank_invalid", "rank", "Rank is 0 (the entry level) to 20.");
        (Code, Name, Rank) = (code.Trim().ToLowerInvariant(), name.Trim(), rank);
    }

    public void Qualify(TierMetric metric, long threshold, TierWindow window, int windowDays)
    {
        if (threshold < 0 || (Rank > 0 && threshold == 0)) throw new DomainException("tier.threshold_invalid", "Every tier above the entry level needs a threshold above zero.");
        if (window == TierWindow.RollingDays && windowDays is < 1 or > 3650) throw new DomainException("tier.window_invalid", "A rolling window is 1 to 3650 days.");
        (Metric, Threshold, Window, WindowDays) = (metric, Rank == 0 ? 0 : threshold, window, windowDays);
    }

    public void Benefits(int pricePercent, decimal pointsMultiplier, decimal rebatePercent, bool freeShipping, long birthdayPoints, bool priorityService)
    {
        if (pricePercent is < 50 or > 100) throw new DomainException("tier.discount_invalid", "A tier price is 50% to 100% of the list price.");
        if (pointsMultiplier is < 1 or > 10 || rebatePercent is < 0 or > 50 || birthdayPoints < 0)
            throw new DomainException("tier.benefit_invalid", "Multiplier 1–10, rebate 0–50%, birthday points not negative.");
        (PricePercent, PointsMultiplier, RebatePercent, FreeShipping, BirthdayPoints, PriorityService) =
            (pricePercent, pointsMultiplier, rebatePercent, freeShipping, birthdayPoints, priorityService);
    }

    /// <summary>Whether a member's measure over this tier's window earns the tier; the entry level asks for nothing.</summary>
    public bool IsReachedBy(long measure) => Rank == 0 || measure >= Threshold;

    /// <summary>Where this tier's window starts, seen from <paramref name="now"/> in the shop's time zone.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (Window == TierWindow.RollingDays) return now.AddDays(-WindowDays);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var start = new DateTime(local.Year, 1, 1);
        return new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUniversalTime();
    }
}

/// <summary>One change of a member's tier and why.</summary>
public class TierChange : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid? FromTierId { get; init; }
    public Guid ToTierId { get; init; }
    public string Reason { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>A member's current tier; a missing row means the entry level.</summary>
public class MemberTier
{
    public Guid MemberId { get; init; }
    public Guid TierId { get; private set; }
    public DateTimeOffset Since { get; private set; }
    /// <summary>Under the one-step policy: the date until which a member who no longer qualifies keeps the tier.</summary>
    public DateTimeOffset? GraceUntil { get; private set; }
    public long Version { get; private set; }

    public MemberTier(Guid memberId, Guid tierId, DateTimeOffset since) => (MemberId, TierId, Since) = (memberId, tierId, since);

    private MemberTier() { }

    public void MoveTo(Guid tierId, DateTimeOffset now)
    {
        (TierId, Since, GraceUntil) = (tierId, now, null);
        Version++;
    }

    public void StartGrace(DateTimeOffset until)
    {
        GraceUntil ??= until;
        Version++;
    }

    public void EndGrace()
    {
        if (GraceUntil is null) return;
        GraceUntil = null;
        Version++;
    }
}

/// <summary>A member price for one tier on one product.</summary>
public class ProductTierPrice
{
    public Guid ProductId { get; init; }
    public Guid TierId { get; init; }
    public long PriceFen { get; set; }
}
