using System.Globalization;
using System.Text.RegularExpressions;
using MemberMall.Common;
using MemberMall.Components.Shared;
using MemberMall.Features.Tiers;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberMall.Components.Site.Center;

/// <summary>Screen words for the loyalty codes of the member center, falling back to the code itself.</summary>
public static partial class CenterText
{
    public static string PointsKind(IStringLocalizer l, string kind) => ShopText.Of(l, "Center.PointsKind", kind);

    public static string Source(IStringLocalizer l, string type) => ShopText.Of(l, "Center.Source", type);

    /// <summary>
    /// A points entry in words: an adjustment by its source and the reason staff typed; any other entry by the shop's own note
    /// (a code: 首单奖励, 订单 …, 连续签到第 3 天), or by its source when the note is not one (notes stored before they were codes).
    /// </summary>
    public static string PointsEntry(IStringLocalizer l, string sourceType, string? note)
    {
        if (sourceType == "adjustment") return Source(l, sourceType) + (string.IsNullOrWhiteSpace(note) ? "" : " · " + note);
        return note is not null && ShopText.Note(l, note) is var words && words != note ? words : Source(l, sourceType);
    }

    public static string AccrualStatus(IStringLocalizer l, string status) => ShopText.Of(l, "Center.AccrualStatus", status);

    public static string WithdrawalStatus(IStringLocalizer l, string status) => ShopText.Of(l, "Center.WithdrawalStatus", status);

    public static Color WithdrawalColor(string status) => status switch
    {
        "requested" => Color.Warning,
        "paid" => Color.Success,
        "rejected" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>A broken rule of a member-center form: its Center.Error text when there is one, else the shared wording.</summary>
    public static string Error(IStringLocalizer l, DomainException error)
    {
        var text = l["Center.Error." + error.Code];
        return text.ResourceNotFound ? DomainErrors.Describe(l, error) : text.Value;
    }

    /// <summary>How far a metric is, in words: "¥1,200.00", "3 orders", "500 points".</summary>
    public static string Metric(IStringLocalizer l, string metric, long value) => metric switch
    {
        "spend" => Format.Yuan(Money.ToYuan(value)),
        "orders" => l["Center.MetricOrders", value],
        _ => l["Center.MetricPoints", value],
    };

    public static IEnumerable<string> Benefits(IStringLocalizer l, TierView t)
    {
        if (t.PricePercent < 100) yield return l["Center.BenefitPrice", (t.PricePercent / 10m).ToString("0.#", CultureInfo.InvariantCulture), t.PricePercent];
        if (t.PointsMultiplier != 1) yield return l["Center.BenefitPoints", t.PointsMultiplier.ToString("0.##", CultureInfo.InvariantCulture)];
        if (t.RebatePercent > 0) yield return l["Center.BenefitRebate", t.RebatePercent.ToString("0.##", CultureInfo.InvariantCulture)];
        if (t.FreeShipping) yield return l["Center.BenefitFreeShipping"];
        if (t.BirthdayPoints > 0) yield return l["Center.BenefitBirthday", t.BirthdayPoints];
        if (t.PriorityService) yield return l["Center.BenefitPriority"];
    }

    /// <summary>
    /// The tier history stores its reason as the English sentence the tier service writes; the known shapes are
    /// put into the member's language, anything else is shown as written.
    /// </summary>
    public static string TierReason(IStringLocalizer l, string reason)
    {
        if (OrderPaid().Match(reason) is { Success: true } paid) return l["Center.TierReason.order_paid", paid.Groups[1].Value, paid.Groups[2].Value];
        if (Requalified().Match(reason) is { Success: true } re) return l["Center.TierReason.reevaluated", re.Groups[1].Value];
        if (reason == "re-evaluation: no longer qualified") return l["Center.TierReason.not_qualified"];
        if (GraceEnded().Match(reason) is { Success: true } grace) return l["Center.TierReason.grace_ended", grace.Groups[1].Value];
        return reason;
    }

    [GeneratedRegex(@"^order (\S+) paid: qualified for (.+)$")]
    private static partial Regex OrderPaid();

    [GeneratedRegex(@"^re-evaluation: qualified for (.+)$")]
    private static partial Regex Requalified();

    [GeneratedRegex(@"^grace period ended: one step down from (.+)$")]
    private static partial Regex GraceEnded();
}
