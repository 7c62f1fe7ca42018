using System.Globalization;

namespace MemberMall.Common;

/// <summary>An amount in integer minor units (fen for CNY). Rounding happens once, in <see cref="FromYuan"/>.</summary>
public readonly record struct Money(long Minor, string Currency = "CNY")
{
    public static Money Zero => new(0);

    public decimal Yuan => Minor / 100m;

    /// <summary>The largest amount the shop takes in or pays out, in yuan: far above any price, safe from overflow in fen.</summary>
    public const decimal MaxYuan = 1_000_000_000m;

    /// <summary>
    /// The only place yuan become fen: an amount that came in. More than two decimals are refused rather than rounded
    /// (<c>money.too_precise</c>), and so is an amount beyond <see cref="MaxYuan"/> either way (<c>money.out_of_range</c>);
    /// both answer 400 naming <paramref name="field"/>.
    /// </summary>
    public static Money FromYuan(decimal yuan, string field = "amount", string currency = "CNY")
    {
        if (Math.Abs(yuan) > MaxYuan)
            throw new RequestValidationException("money.out_of_range", field, $"An amount must lie between -{MaxYuan:0} and {MaxYuan:0}.");
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
            throw new RequestValidationException("money.too_precise", field, "An amount has at most two decimals (fen).");
        return new((long)fen, currency);
    }

    public static decimal ToYuan(long minor) => minor / 100m;

    public static Money operator +(Money a, Money b) => new(a.Minor + Same(a, b).Minor, a.Currency);
    public static Money operator -(Money a, Money b) => new(a.Minor - Same(a, b).Minor, a.Currency);

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot mix {a.Currency} and {b.Currency}.");

    public override string ToString() => Currency == "CNY"
        ? "¥" + Yuan.ToString("0.00", CultureInfo.InvariantCulture)
        : Yuan.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;
}
