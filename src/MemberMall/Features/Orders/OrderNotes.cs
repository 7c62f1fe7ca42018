using System.Globalization;
using MemberMall.Common;

namespace MemberMall.Features.Orders;

/// <summary>
/// What the shop itself writes into an order's timeline notes, cancel reasons, refund reasons and review reasons: a code
/// and its values (<c>code:value|value</c>), which integrators can rely on and the screens put into words in the reader's
/// language (resources <c>Note.&lt;code&gt;</c>, see <c>ShopText.Note</c>). What people type is kept as they typed it.
/// </summary>
public static class OrderNotes
{
    public const string PaymentDeadlinePassed = "payment_deadline_passed";
    public const string CancelledByMember = "cancelled_by_member";
    public const string CancelledByStaff = "cancelled_by_staff";
    public const string RefundedBeforeShipping = "refunded_before_shipping";
    public const string OrderCancelled = "order_cancelled";
    public const string PaidAfterClose = "paid_after_close";
    public const string ReceiptConfirmedByMember = "receipt_confirmed_by_member";
    public const string MarkedDeliveredByStaff = "marked_delivered_by_staff";

    /// <summary>Every code, for the check that each has its words in both languages.</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        PaymentDeadlinePassed, CancelledByMember, CancelledByStaff, RefundedBeforeShipping, OrderCancelled, PaidAfterClose,
        ReceiptConfirmedByMember, MarkedDeliveredByStaff,
        "items_total", "payment_sandbox", "payment_bank_transfer", "payment_cod", "refund", "after_sales", "after_sales_requested",
        "review_total_over",
    ];

    /// <summary>An order placed: how many items, and its total in yuan.</summary>
    public static string Created(int items, long totalFen) => Of("items_total", items.ToString(CultureInfo.InvariantCulture), Yuan(totalFen));

    /// <summary>A payment started or received, with the gateway's trade number when there is one.</summary>
    public static string Payment(string method, string? tradeNo = null) => tradeNo is null ? "payment_" + method : Of("payment_" + method, tradeNo);

    /// <summary>Money refunded, and why (a code such as <see cref="AfterSales"/>, or words typed by staff).</summary>
    public static string Refund(long amountFen, string reason) => Of("refund", Yuan(amountFen), reason);

    public static string AfterSales(string requestNo) => Of("after_sales", requestNo);

    /// <summary>An after-sales request and the member's reason (last, so it may hold any character).</summary>
    public static string AfterSalesRequested(string requestNo, string reason) => Of("after_sales_requested", requestNo, reason);

    public static string ReviewTotalOver(long thresholdFen) => Of("review_total_over", Money.ToYuan(thresholdFen).ToString("0.##", CultureInfo.InvariantCulture));

    private static string Yuan(long fen) => Money.ToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A code with its values, <c>code:value|value</c>; the last value may hold any character.</summary>
    public static string Of(string code, params string[] values) => code + ":" + string.Join('|', values);
}
