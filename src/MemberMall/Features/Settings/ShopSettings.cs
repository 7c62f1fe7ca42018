using MemberMall.Common;

namespace MemberMall.Features.Settings;

/// <summary>The shop's own settings: a single row.</summary>
public class ShopSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public string Name { get; private set; } = "MemberMall";
    public string Currency { get; private set; } = "CNY";
    public string TimeZone { get; private set; } = "Asia/Shanghai";
    public string DefaultCulture { get; private set; } = "zh-CN";
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Freight charged per order, unless the goods reach <see cref="FreeShippingOverFen"/>.</summary>
    public long FlatFreightFen { get; private set; } = 1000;
    public long FreeShippingOverFen { get; private set; } = 9900;
    public int UnpaidCancelMinutes { get; private set; } = 30;
    public int AutoCompleteDays { get; private set; } = 7;
    /// <summary>Orders at or above this amount wait for a staff review before they ship.</summary>
    public long ReviewOverFen { get; private set; } = 5_000_00;

    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    public void Update(string name, string currency, string timeZone, string defaultCulture, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("settings.name_required", "The shop needs a name.");
        if (currency is not ("CNY"))
            throw new DomainException("settings.currency_unsupported", "Only CNY is supported.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new DomainException("settings.time_zone_unknown", $"Unknown time zone '{timeZone}'.");
        if (!SupportedCultures.Contains(defaultCulture))
            throw new DomainException("settings.culture_unsupported", "The default language must be zh-CN or en.");
        (Name, Currency, TimeZone, DefaultCulture, UpdatedAt) = (name.Trim(), currency, timeZone, defaultCulture, now);
    }

    public void SetOrderRules(long flatFreightFen, long freeShippingOverFen, int unpaidCancelMinutes, int autoCompleteDays, long reviewOverFen, DateTimeOffset now)
    {
        if (flatFreightFen < 0 || freeShippingOverFen < 0 || reviewOverFen <= 0)
            throw new DomainException("settings.amount_invalid", "Freight and thresholds cannot be negative.");
        if (unpaidCancelMinutes is < 1 or > 10_080 || autoCompleteDays is < 0 or > 60)
            throw new DomainException("settings.timeout_invalid", "Unpaid orders cancel after 1 minute to 7 days; delivered orders complete after 0 to 60 days.");
        (FlatFreightFen, FreeShippingOverFen, UnpaidCancelMinutes, AutoCompleteDays, ReviewOverFen, UpdatedAt) =
            (flatFreightFen, freeShippingOverFen, unpaidCancelMinutes, autoCompleteDays, reviewOverFen, now);
    }

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
}
