using System.Text.Json;
using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Features.Pricing;

namespace MemberMall.Features.Orders;

public sealed record OrderItemView(Guid Id, Guid ProductId, string Name, string? ImageUrl, decimal UnitPrice, int Quantity, decimal LineTotal,
    decimal Discount, decimal Payable, int RefundedQuantity, decimal Refunded, string RefundStatus);

public sealed record OrderAddressView(string Name, string Phone, string Province, string City, string District, string Detail);

public sealed record TimelineEntry(DateTimeOffset At, string Type, string? Note, string Actor);

/// <summary>
/// Money sent back for the order: <c>pending</c> until the gateway has taken it (or at once for an offline refund),
/// then <c>succeeded</c>. <see cref="LastError"/>, the gateway's answer to a declined request, and <see cref="Note"/>, how finance
/// paid a refund the gateway would not (and who), are for staff only. <see cref="Reason"/> says why the money goes back
/// (an <see cref="OrderNotes"/> code such as <c>after_sales:&lt;request no&gt;</c>).
/// </summary>
public sealed record RefundView(string RefundNo, decimal Amount, string Channel, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? Note, string? SettledBy, string Reason);

public sealed record OrderView(Guid Id, string OrderNo, Guid MemberId, string Status, string RefundStatus, string LogisticsStatus,
    IReadOnlyList<OrderItemView> Items, IReadOnlyList<AdjustmentView> Adjustments, decimal Subtotal, decimal Discount, decimal Freight, decimal Total,
    decimal Paid, decimal Refunded, string PaymentMethod, long PointsEarnable, OrderAddressView Address,
    DateTimeOffset CreatedAt, DateTimeOffset? AutoCancelAt, DateTimeOffset? PaidAt, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt, string? CancelReason, string? Carrier, string? TrackingNo,
    string Review, string? ReviewReason, int? SatisfactionRating, string? ReferralSource, string? FollowUpNote, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<RefundView> Refunds);

public sealed record OrderListItem(Guid Id, string OrderNo, Guid MemberId, string Status, string RefundStatus, decimal Total, int ItemCount,
    string FirstItemName, string? ImageUrl, string PaymentMethod, DateTimeOffset CreatedAt, string Review);

public static class OrderText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string RefundStatus(long paid, long refunded, bool refunding) =>
        refunding ? "refunding" : refunded == 0 ? "none" : refunded >= paid ? "refunded" : "partially_refunded";

    public static string Logistics(Order o) => o.Status switch
    {
        OrderStatus.Shipped => "in_transit",
        OrderStatus.Delivered or OrderStatus.Completed => "delivered",
        OrderStatus.Paid => "awaiting_shipment",
        _ => "none",
    };

    public static OrderView View(Order o, IReadOnlyList<OrderEvent> timeline, IReadOnlyList<RefundView> refunds, PiiView pii, bool refunding) => new(
        o.Id, o.OrderNo, o.MemberId, EnumText.Snake(o.Status), RefundStatus(o.PaidFen, o.RefundedFen, refunding), Logistics(o),
        o.Items.Select(i => new OrderItemView(i.Id, i.ProductId, i.ProductName, i.ImageUrl, Money.ToYuan(i.UnitPriceFen), i.Quantity, Money.ToYuan(i.LineTotalFen),
            Money.ToYuan(i.DiscountFen), Money.ToYuan(i.PayableFen), i.RefundedQuantity, Money.ToYuan(i.RefundedFen),
            RefundStatus(i.PayableFen, i.RefundedFen, false))).ToList(),
        JsonSerializer.Deserialize<List<AdjustmentView>>(o.AdjustmentsJson, Json) ?? [],
        Money.ToYuan(o.SubtotalFen), Money.ToYuan(o.DiscountFen), Money.ToYuan(o.FreightFen), Money.ToYuan(o.TotalFen), Money.ToYuan(o.PaidFen),
        Money.ToYuan(o.RefundedFen), o.PaymentMethod, o.PointsEarnable,
        new OrderAddressView(o.RecipientName, pii.Phone(o.RecipientPhoneCipher)!, o.Province, o.City, o.District, pii.Text(o.AddressDetailCipher)),
        o.CreatedAt, o.Status == OrderStatus.PendingPayment ? o.AutoCancelAt : null, o.PaidAt, o.ShippedAt, o.DeliveredAt, o.CompletedAt, o.CancelledAt,
        o.CancelReason, o.Carrier, o.TrackingNo, EnumText.Snake(o.Review), o.ReviewReason, o.SatisfactionRating, o.ReferralSource, o.FollowUpNote,
        timeline.Select(e => new TimelineEntry(e.At, e.Type, e.Note, e.ActorName)).ToList(), refunds);

    public static string AdjustmentsJson(IEnumerable<AdjustmentView> adjustments) => JsonSerializer.Serialize(adjustments, Json);
}
