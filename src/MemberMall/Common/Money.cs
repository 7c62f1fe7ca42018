using System.Globalization;

namespace MemberMall.Common;

/// <summary>An amount in integer minor units (fen for CNY). Rounding happens once, in <see cref="FromYuan"/>.</summary>
public readonly record struct Money(long Minor, string Currency = "CNY")
{
    public static Money Zero => new(0);

    public decimal Yuan => Minor / 100m;

    // The only place yuan become fen: half a fen rounds away from zero.
    public static Money FromYuan(decimal yuan, string currency = "CNY") =>
        new((long)Math.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero), currency);

    public static decimal ToYuan(long minor) => minor / 100m;

    public static Money operator +(Money a, Money b) => new(a.Minor + Same(a, b).Minor, a.Currency);
    public static Money operator -(Money a, Money b) => new(a.Minor - Same(a, b).Minor, a.Currency);

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot mix {a.Currency} and {b.Currency}.");

    public override string ToString() => Currency == "CNY"
        ? "¥" + Yuan.ToString("0.00", CultureInfo.InvariantCulture)
        : Yuan.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;
}
