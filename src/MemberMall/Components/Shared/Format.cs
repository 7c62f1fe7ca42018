using System.Globalization;

namespace MemberMall.Components.Shared;

/// <summary>How amounts and times look on screen: yuan with two decimals, times in the shop's time zone.</summary>
public static class Format
{
    public static string Yuan(decimal yuan) => "¥" + yuan.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>An adjustment: "+¥10.00" adds to the total, "-¥10.00" takes off it.</summary>
    public static string Signed(decimal yuan) => (yuan < 0 ? "-" : "+") + Yuan(Math.Abs(yuan));

    public static string At(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A points change: "+120" earns, "-50" spends.</summary>
    public static string SignedPoints(long points) => (points < 0 ? "-" : "+") + Math.Abs(points).ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Dash(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;
}
