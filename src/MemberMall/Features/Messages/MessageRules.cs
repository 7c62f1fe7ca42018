using System.Globalization;
using System.Text.Json;

namespace MemberMall.Features.Messages;

/// <summary>A message to make for one member from one outbox event.</summary>
public sealed record MessageDraft(Guid MemberId, string Kind, Dictionary<string, string> Parameters, string? Link);

/// <summary>Which outbox events become member messages, and with what parameters and link.</summary>
public static class MessageRules
{
    public static readonly IReadOnlySet<string> EventTypes = new HashSet<string>
    {
        "order.paid", "order.shipped", "refund.sent", "points.expiring", "tier.changed", "coupon.received",
    };

    /// <summary>The message an event makes, or null when it makes none (another type, or no member in its payload).</summary>
    public static MessageDraft? From(string type, JsonElement data, TimeZoneInfo zone)
    {
        if (!EventTypes.Contains(type) || data.ValueKind != JsonValueKind.Object) return null;
        if (Text(data, "memberId") is not { } m || !Guid.TryParse(m, out var memberId)) return null;
        var orderId = Text(data, "orderId");
        return type switch
        {
            "order.paid" => new(memberId, MessageTemplates.OrderPaid,
                new() { ["orderNo"] = Text(data, "orderNo") ?? "", ["amount"] = Yuan(data, "paidFen") }, OrderLink(orderId)),
            "order.shipped" => new(memberId, MessageTemplates.OrderShipped, new() { ["orderNo"] = Text(data, "orderNo") ?? "" }, OrderLink(orderId)),
            "refund.sent" => new(memberId, MessageTemplates.RefundSent,
                new() { ["orderNo"] = Text(data, "orderNo") ?? "", ["amount"] = Yuan(data, "amountFen") }, OrderLink(orderId)),
            "points.expiring" => new(memberId, MessageTemplates.PointsExpiring,
                new() { ["points"] = Number(data, "points").ToString(CultureInfo.InvariantCulture), ["date"] = Day(data, "expiresAt", zone) }, "/me/points"),
            "tier.changed" => new(memberId, Text(data, "direction") == "down" ? MessageTemplates.TierDown : MessageTemplates.TierUp,
                new() { ["tier"] = Text(data, "toTier") ?? "" }, "/me/tier"),
            "coupon.received" => new(memberId, MessageTemplates.CouponReceived, new() { ["coupon"] = Text(data, "name") ?? "" }, "/products"),
            _ => null,
        };
    }

    private static string? OrderLink(string? orderId) => Guid.TryParse(orderId, out var id) ? $"/me/orders/{id}" : null;

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Number(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;

    // Fen to yuan with two decimals, as the shop shows prices.
    private static string Yuan(JsonElement data, string name) => (Number(data, name) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    // The expiry day in the shop's time zone, as members see dates.
    private static string Day(JsonElement data, string name, TimeZoneInfo zone) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var at)
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "";
}
