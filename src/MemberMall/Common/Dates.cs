using System.Globalization;

namespace MemberMall.Common;

/// <summary>
/// The only place dates and times that came in are checked: each must lie between <see cref="First"/> and
/// <see cref="Last"/>, far wider than any shop's history and far inside what the calendar and both databases hold.
/// Anything else answers 400 <c>date.out_of_range</c> naming the field.
/// </summary>
public static class Dates
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2999, 12, 31);

    public static DateOnly Day(DateOnly day, string field) =>
        day >= First && day <= Last ? day : throw OutOfRange(field);

    public static DateOnly? Day(DateOnly? day, string field) => day is { } d ? Day(d, field) : null;

    /// <summary>An instant that came in, in UTC whatever offset it was written with (PostgreSQL stores UTC only).</summary>
    public static DateTimeOffset Instant(DateTimeOffset at, string field) =>
        at.UtcDateTime >= First.ToDateTime(TimeOnly.MinValue) && at.UtcDateTime <= Last.ToDateTime(TimeOnly.MaxValue) ? at.ToUniversalTime() : throw OutOfRange(field);

    public static DateTimeOffset? Instant(DateTimeOffset? at, string field) => at is { } a ? Instant(a, field) : null;

    /// <summary>An instant kept as UTC ticks (a list cursor, say).</summary>
    public static DateTimeOffset FromUtcTicks(long ticks, string field) =>
        ticks >= First.ToDateTime(TimeOnly.MinValue).Ticks && ticks <= Last.ToDateTime(TimeOnly.MaxValue).Ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero) : throw OutOfRange(field);

    /// <summary>The first day of a month written <c>yyyy-MM</c>; a text in another shape answers 400 <paramref name="shapeCode"/>.</summary>
    public static DateOnly Month(string text, string field, string shapeCode) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? Day(first, field)
            : throw new RequestValidationException(shapeCode, field, "A month is written yyyy-MM.");

    private static RequestValidationException OutOfRange(string field) =>
        new("date.out_of_range", field, $"A date lies between {First:yyyy-MM-dd} and {Last:yyyy-MM-dd}.");
}
