using MemberMall.Common;

namespace MemberMall.Features.Orders;

/// <summary>A line of an order: prices frozen at the time of ordering, and what has been refunded of it.</summary>
public class OrderItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public Guid ProductId { get; init; }
    public string ProductName { get; init; } = "";
    public string? ImageUrl { get; init; }
    public Guid? CategoryId { get; init; }
    public long UnitPriceFen { get; init; }
    public int Quantity { get; init; }
    public long LineTotalFen { get; init; }
    public long DiscountFen { get; init; }
    /// <summary>Points spent on this line (part of <see cref="DiscountFen"/>), returned pro rata on refunds.</summary>
    public long PointsUsed { get; init; }
    public int RefundedQuantity { get; private set; }
    public long RefundedFen { get; private set; }
    /// <summary>Units in open after-sales requests, so two requests cannot claim the same unit.</summary>
    public int ClaimedQuantity { get; private set; }

    public long PayableFen => LineTotalFen - DiscountFen;
    public int ClaimableQuantity => Quantity - ClaimedQuantity;

    public void Claim(int quantity)
    {
        if (quantity < 1 || quantity > ClaimableQuantity)
            throw new DomainException("aftersales.quantity_exceeds", $"At most {ClaimableQuantity} of {ProductName} can still be returned or refunded.");
        ClaimedQuantity += quantity;
    }

    public void Unclaim(int quantity) => ClaimedQuantity = Math.Max(0, ClaimedQuantity - quantity);

    /// <summary>
    /// The refund for <paramref name="quantity"/> units: their share of what the line paid, rounded down to
    /// the fen, except that the last units refunded take whatever is left, so a line refunds exactly what it paid.
    /// </summary>
    public long RefundAmountFor(int quantity) =>
        RefundedQuantity + quantity >= Quantity ? PayableFen - RefundedFen : PayableFen * quantity / Quantity;

    public void RecordRefund(int quantity, long amountFen)
    {
        if (RefundedQuantity + quantity > Quantity || RefundedFen + amountFen > PayableFen)
            throw new DomainException("refund.exceeds_paid", "A line can never refund more than it paid.");
        RefundedQuantity += quantity;
        RefundedFen += amountFen;
    }
}

public class OrderEvent : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Type { get; init; } = "";
    public string? Note { get; init; }
    public string ActorName { get; init; } = "";
}
