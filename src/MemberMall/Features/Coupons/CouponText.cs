using System.Globalization;
using MemberMall.Common;

namespace MemberMall.Features.Coupons;

/// <summary>A coupon's rule in plain words, in Chinese (the default) or English.</summary>
public static class CouponText
{
    private const string Digits = "零一二三四五六七八九";

    public static string Rule(Coupon c, CultureInfo culture)
    {
        var zh = !culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var rule = (c.Kind, zh) switch
        {
            (CouponKind.Amount, true) => $"立减 {Yuan(c.AmountFen)} 元",
            (CouponKind.Amount, false) => $"¥{Yuan(c.AmountFen)} off",
            (CouponKind.Threshold, true) => $"满 {Yuan(c.ThresholdFen)} 减 {Yuan(c.AmountFen)}",
            (CouponKind.Threshold, false) => $"¥{Yuan(c.AmountFen)} off orders of ¥{Yuan(c.ThresholdFen)} or more",
            (CouponKind.Percent, true) => Threshold(c, zh) + $"打{Zhe(c.Percent)}" + (c.MaxDiscountFen is { } m ? $"，最多减 {Yuan(m)} 元" : ""),
            (CouponKind.Percent, false) => $"{c.Percent}% off" + (c.ThresholdFen > 0 ? $" orders of ¥{Yuan(c.ThresholdFen)} or more" : "")
                + (c.MaxDiscountFen is { } m2 ? $", at most ¥{Yuan(m2)}" : ""),
            (_, true) => Threshold(c, zh) + "免运费",
            (_, false) => "Free shipping" + (c.ThresholdFen > 0 ? $" on orders of ¥{Yuan(c.ThresholdFen)} or more" : ""),
        };
        var scoped = c.CategoryIds.Count > 0 || c.ProductIds.Count > 0;
        if (scoped) rule += zh ? "（限指定商品）" : " (selected products only)";
        if (c.ExcludeProductIds.Count > 0) rule += zh ? "（部分商品除外）" : " (some products excluded)";
        if (!c.StackWithCoupons) rule += zh ? "；不可与其他优惠券同用" : "; cannot be combined with other coupons";
        return rule;
    }

    /// <summary>20 % off is 八折, 15 % off 八五折, 95 % off 零五折.</summary>
    public static string Zhe(int percentOff)
    {
        var pay = 100 - percentOff;
        return pay % 10 == 0 ? $"{Digits[pay / 10]}折" : $"{Digits[pay / 10]}{Digits[pay % 10]}折";
    }

    private static string Threshold(Coupon c, bool zh) => c.ThresholdFen > 0 && zh ? $"满 {Yuan(c.ThresholdFen)} " : "";

    private static string Yuan(long fen) => Money.ToYuan(fen).ToString("0.##", CultureInfo.InvariantCulture);
}
