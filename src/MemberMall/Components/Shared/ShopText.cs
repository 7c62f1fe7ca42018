using System.Globalization;
using System.Text.RegularExpressions;
using MemberMall.Features.Pricing;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberMall.Components.Shared;

/// <summary>Screen words for the shop's codes (statuses, payment methods, adjustment kinds), falling back to the code itself.</summary>
public static partial class ShopText
{
    public static string Of(IStringLocalizer localizer, string prefix, string code, string? fallback = null)
    {
        var text = localizer[prefix + "." + code];
        return text.ResourceNotFound ? fallback ?? code : text.Value;
    }

    public static string OrderStatus(IStringLocalizer l, string status) => Of(l, "OrderStatus", status);

    public static string Payment(IStringLocalizer l, string method) => string.IsNullOrEmpty(method) ? "—" : Of(l, "Payment", method);

    public static string Timeline(IStringLocalizer l, string type) => Of(l, "Timeline", type);

    public static string Refund(IStringLocalizer l, string status) => Of(l, "RefundStatus", status);

    public static string Logistics(IStringLocalizer l, string status) => Of(l, "Logistics", status);

    public static string AfterSalesType(IStringLocalizer l, string type) => Of(l, "AfterSalesType", type);

    public static string AfterSalesStatus(IStringLocalizer l, string status) => Of(l, "AfterSalesStatus", status);

    public static string ProductStatus(IStringLocalizer l, string status) => Of(l, "ProductStatus", status);

    /// <summary>One refund's own state (退款中 / 已退款), as opposed to an order's refund state.</summary>
    public static string RefundRecord(IStringLocalizer l, string status) => Of(l, "RefundRecord", status);

    public static string RefundChannel(IStringLocalizer l, string channel) => Of(l, "RefundChannel", channel);

    public static string StockKind(IStringLocalizer l, string kind) => Of(l, "StockKind", kind);

    /// <summary>An adjustment line: its localized kind, or the calculator's own label for kinds the screens do not know yet.</summary>
    public static string Adjustment(IStringLocalizer l, AdjustmentView a) => Of(l, "Adjustment", a.Kind, a.Label);

    /// <summary>
    /// A timeline note or a cancel, refund or review reason in the reader's words: what the shop wrote is a code with its
    /// values (<c>code:value|value</c>, see <see cref="Features.Orders.OrderNotes"/>), put into the words of <c>Note.&lt;code&gt;</c>,
    /// values that are codes too included; anything else, such as a reason someone typed, comes back as it is.
    /// </summary>
    public static string Note(IStringLocalizer l, string note) => Note(l, note, nested: true);

    private static string Note(IStringLocalizer l, string note, bool nested)
    {
        var colon = note.IndexOf(':');
        var code = colon < 0 ? note : note[..colon];
        if (!NoteCode().IsMatch(code)) return note;
        var template = l["Note." + code];
        if (template.ResourceNotFound) return note;
        var slots = NoteSlot().Matches(template.Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        if (colon < 0) return slots == 0 ? template.Value : note;
        // The last value may hold any character (a reason typed by a member); the others are the shop's own.
        var values = note[(colon + 1)..].Split('|', Math.Max(slots, 1));
        if (values.Length != slots) return note;
        return string.Format(CultureInfo.CurrentCulture, template.Value, values.Select(v => nested ? Note(l, v, nested: false) : v).ToArray<object?>());
    }

    [GeneratedRegex("^[a-z][a-z_]*$")]
    private static partial Regex NoteCode();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex NoteSlot();

    public static Color StatusColor(string status) => status switch
    {
        "pending_payment" => Color.Warning,
        "paid" => Color.Info,
        "shipped" => Color.Primary,
        "delivered" or "completed" => Color.Success,
        _ => Color.Default,
    };

    public static Color AfterSalesColor(string status) => status switch
    {
        "requested" => Color.Warning,
        "approved" or "received" => Color.Info,
        "refunded" or "completed" => Color.Success,
        _ => Color.Default,
    };

    public static Color RefundRecordColor(string status) => status == "succeeded" ? Color.Success : Color.Warning;
}
