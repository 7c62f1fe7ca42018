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

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
}
