using MemberMall.Common;

namespace MemberMall.Features.Orders;

public enum OrderStatus { PendingPayment, Paid, Shipped, Delivered, Completed, Cancelled }

public enum ReviewState { None, Pending, Approved, Rejected }

/// <summary>
/// An order and its state machine: pending_payment → paid → shipped → delivered → completed, or cancelled.
/// Every transition checks the current state and refuses with <c>order.invalid_transition</c>; money fields
/// change only through methods that keep <see cref="RefundedFen"/> ≤ <see cref="PaidFen"/>.
/// </summary>
public class Order
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string OrderNo { get; init; } = "";
    public Guid MemberId { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.PendingPayment;
    public List<OrderItem> Items { get; private set; } = [];
    public long SubtotalFen { get; init; }
    public long DiscountFen { get; init; }
    public long FreightFen { get; init; }
    public long TotalFen { get; init; }
    public long PaidFen { get; private set; }
    public long RefundedFen { get; private set; }
    public string PaymentMethod { get; private set; } = "";
    public long PointsEarnable { get; init; }
    public long PointsUsed { get; init; }
    public string AdjustmentsJson { get; init; } = "[]";

    public string RecipientName { get; init; } = "";
    public string RecipientPhoneCipher { get; init; } = "";
    public string Province { get; init; } = "";
    public string City { get; init; } = "";
    public string District { get; init; } = "";
    public string AddressDetailCipher { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset AutoCancelAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNo { get; private set; }

    public ReviewState Review { get; private set; }
    public string? ReviewReason { get; private set; }

    public int? SatisfactionRating { get; private set; }
    public string? ReferralSource { get; private set; }
    public string? FollowUpNote { get; private set; }

    public long Version { get; private set; }

    public Order(string orderNo, Guid memberId, long subtotalFen, long discountFen, long freightFen, long pointsEarnable, DateTimeOffset now, DateTimeOffset autoCancelAt)
    {
        (OrderNo, MemberId, SubtotalFen, DiscountFen, FreightFen, PointsEarnable, CreatedAt, AutoCancelAt) =
            (orderNo, memberId, subtotalFen, discountFen, freightFen, pointsEarnable, now, autoCancelAt);
        TotalFen = subtotalFen - discountFen + freightFen;
        if (TotalFen < 0) throw new InvalidOperationException("An order total cannot be negative.");
    }

    private Order() { }

    public long RefundableFen => PaidFen - RefundedFen;
    public bool IsFullyRefunded => PaidFen > 0 && RefundedFen == PaidFen;

    public void ChoosePayment(string method, DateTimeOffset extendCancelTo)
    {
        Require(OrderStatus.PendingPayment, "pay");
        PaymentMethod = method;
        if (extendCancelTo > AutoCancelAt) AutoCancelAt = extendCancelTo;
        Touch();
    }

    /// <summary>The money arrived (or, for cash on delivery, the order is confirmed for shipping with nothing paid yet).</summary>
    public void MarkPaid(string method, long amountFen, long reviewOverFen, DateTimeOffset now)
    {
        Require(OrderStatus.PendingPayment, "pay");
        if (amountFen != 0 && amountFen != TotalFen) throw new DomainException("payment.amount_mismatch", "The amount paid does not match the order total.");
        (Status, PaymentMethod, PaidFen, PaidAt) = (OrderStatus.Paid, method, amountFen, now);
        if (TotalFen >= reviewOverFen) (Review, ReviewReason) = (ReviewState.Pending, OrderNotes.ReviewTotalOver(reviewOverFen));
        Touch();
    }

    /// <summary>Cash on delivery: the courier collected the money.</summary>
    public void CollectOnDelivery(DateTimeOffset now)
    {
        if (PaidFen == 0 && PaymentMethod == "cod") PaidFen = TotalFen;
        Touch();
    }

    public void Ship(string carrier, string trackingNo, DateTimeOffset now)
    {
        Require(OrderStatus.Paid, "ship");
        if (Review == ReviewState.Pending) throw new DomainException("order.under_review", "The order waits for a staff review before it can ship.");
        if (IsFullyRefunded) throw new DomainException("order.refunded", "The order was refunded in full.");
        (Status, Carrier, TrackingNo, ShippedAt) = (OrderStatus.Shipped, carrier.Trim(), trackingNo.Trim(), now);
        Touch();
    }

    public void Deliver(DateTimeOffset now)
    {
        Require(OrderStatus.Shipped, "deliver");
        (Status, DeliveredAt) = (OrderStatus.Delivered, now);
        Touch();
    }

    public void Complete(DateTimeOffset now)
    {
        Require(OrderStatus.Delivered, "complete");
        (Status, CompletedAt) = (OrderStatus.Completed, now);
        Touch();
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.PendingPayment or OrderStatus.Paid))
            throw Invalid("cancel");
        (Status, CancelledAt, CancelReason) = (OrderStatus.Cancelled, now, reason);
        Touch();
    }

    public void DecideReview(bool approve, string? reason)
    {
        if (Review != ReviewState.Pending) throw new DomainException("order.not_under_review", "The order is not waiting for a review.");
        (Review, ReviewReason) = (approve ? ReviewState.Approved : ReviewState.Rejected, reason ?? ReviewReason);
        Touch();
    }

    public void RecordRefund(long amountFen)
    {
        if (amountFen <= 0 || amountFen > RefundableFen)
            throw new DomainException("refund.exceeds_paid", "An order can never refund more than was paid.");
        RefundedFen += amountFen;
        Touch();
    }

    public void Rate(int rating)
    {
        if (Status != OrderStatus.Completed && Status != OrderStatus.Delivered)
            throw new DomainException("order.not_received", "Rate an order once it has arrived.");
        if (rating is < 1 or > 5) throw new RequestValidationException("order.rating_invalid", "rating", "A rating is 1 to 5.");
        SatisfactionRating = rating;
        Touch();
    }

    public void Annotate(string? referralSource, string? followUpNote)
    {
        ReferralSource = referralSource?.Trim() is { Length: > 0 } r ? r : ReferralSource;
        FollowUpNote = followUpNote?.Trim() is { Length: > 0 } f ? f : FollowUpNote;
        Touch();
    }

    private void Require(OrderStatus expected, string action)
    {
        if (Status != expected) throw Invalid(action);
    }

    private DomainException Invalid(string action) =>
        new("order.invalid_transition", $"An order that is {EnumText.Snake(Status)} cannot {action}.");

    /// <summary>Marks the order changed, so a concurrent change to it (or its lines) fails as stale.</summary>
    public void Touch() => Version++;
}
