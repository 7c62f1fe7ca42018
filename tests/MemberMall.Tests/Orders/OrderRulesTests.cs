using MemberMall.Common;
using MemberMall.Features.Orders;

namespace MemberMall.Tests.Orders;

/// <summary>
/// The order's state machine on the entity alone: which transitions each status allows, and the stable codes of
/// those it refuses. No web host, no database.
/// </summary>
[Trait("Category", "Unit")]
public class OrderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);
    private const long ReviewNever = long.MaxValue;

    private static Order NewOrder(long subtotal = 100_00, long discount = 0, long freight = 10_00) =>
        new("M202603150001", Guid.NewGuid(), subtotal, discount, freight, 0, Now, Now.AddMinutes(30));

    /// <summary>An order brought to <paramref name="status"/> through the transitions a real order takes.</summary>
    private static Order OrderIn(OrderStatus status)
    {
        var order = NewOrder();
        if (status == OrderStatus.Cancelled)
        {
            order.Cancel("changed my mind", Now);
            return order;
        }
        if (status >= OrderStatus.Paid) order.MarkPaid("sandbox", order.TotalFen, ReviewNever, Now);
        if (status >= OrderStatus.Shipped) order.Ship("SF", "SF1001", Now);
        if (status >= OrderStatus.Delivered) order.Deliver(Now);
        if (status >= OrderStatus.Completed) order.Complete(Now);
        return order;
    }

    private static readonly Dictionary<string, Action<Order>> Actions = new()
    {
        ["pay"] = o => o.MarkPaid("sandbox", o.TotalFen, ReviewNever, Now),
        ["choose_payment"] = o => o.ChoosePayment("sandbox", Now.AddHours(1)),
        ["ship"] = o => o.Ship("SF", "SF1001", Now),
        ["deliver"] = o => o.Deliver(Now),
        ["complete"] = o => o.Complete(Now),
        ["cancel"] = o => o.Cancel("reason", Now),
    };

    /// <summary>Every transition the state machine allows, and the status it leads to; everything else is refused.</summary>
    private static readonly Dictionary<(OrderStatus From, string Action), OrderStatus> Allowed = new()
    {
        [(OrderStatus.PendingPayment, "pay")] = OrderStatus.Paid,
        [(OrderStatus.PendingPayment, "choose_payment")] = OrderStatus.PendingPayment,
        [(OrderStatus.PendingPayment, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.Paid, "ship")] = OrderStatus.Shipped,
        [(OrderStatus.Paid, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.Shipped, "deliver")] = OrderStatus.Delivered,
        [(OrderStatus.Delivered, "complete")] = OrderStatus.Completed,
    };

    public static TheoryData<OrderStatus, string> AllowedTransitions() => Transitions(allowed: true);

    public static TheoryData<OrderStatus, string> RefusedTransitions() => Transitions(allowed: false);

    private static TheoryData<OrderStatus, string> Transitions(bool allowed)
    {
        var data = new TheoryData<OrderStatus, string>();
        foreach (var status in Enum.GetValues<OrderStatus>())
            foreach (var action in Actions.Keys)
                if (Allowed.ContainsKey((status, action)) == allowed) data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void An_allowed_transition_moves_the_order_to_its_next_status(OrderStatus from, string action)
    {
        var order = OrderIn(from);
        var version = order.Version;

        Actions[action](order);

        Assert.Equal(Allowed[(from, action)], order.Status);
        Assert.True(order.Version > version, "A change must bump the version, so a concurrent change fails as stale.");
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void A_refused_transition_fails_with_invalid_transition_and_changes_nothing(OrderStatus from, string action)
    {
        var order = OrderIn(from);
        var version = order.Version;

        var error = Assert.Throws<DomainException>(() => Actions[action](order));

        Assert.Equal("order.invalid_transition", error.Code);
        Assert.Equal(422, error.Status);
        Assert.Equal(from, order.Status);
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public void The_refusal_names_the_current_status_and_the_action()
    {
        var error = Assert.Throws<DomainException>(() => OrderIn(OrderStatus.Shipped).Cancel("too late", Now));

        Assert.Contains("shipped", error.Message);
        Assert.Contains("cancel", error.Message);
    }

    [Fact]
    public void Every_step_of_the_happy_path_records_when_it_happened()
    {
        var order = NewOrder();
        var (paid, shipped, delivered, completed) = (Now.AddMinutes(5), Now.AddDays(1), Now.AddDays(3), Now.AddDays(10));

        order.MarkPaid("sandbox", order.TotalFen, ReviewNever, paid);
        order.Ship(" SF ", " SF1001 ", shipped);
        order.Deliver(delivered);
        order.Complete(completed);

        Assert.Equal((paid, shipped, delivered, completed), (order.PaidAt, order.ShippedAt, order.DeliveredAt, order.CompletedAt));
        Assert.Equal(("SF", "SF1001"), (order.Carrier, order.TrackingNo));
        Assert.Equal(110_00, order.PaidFen);
    }

    [Fact]
    public void The_total_is_the_subtotal_less_the_discount_plus_freight()
    {
        var order = NewOrder(subtotal: 300_00, discount: 45_50, freight: 8_00);

        Assert.Equal(262_50, order.TotalFen);
    }

    [Fact]
    public void An_order_cannot_have_a_negative_total()
    {
        Assert.Throws<InvalidOperationException>(() => NewOrder(subtotal: 10_00, discount: 20_00, freight: 0));
    }

    [Fact]
    public void Payment_of_a_different_amount_than_the_total_is_refused()
    {
        var order = NewOrder();

        var error = Assert.Throws<DomainException>(() => order.MarkPaid("sandbox", order.TotalFen - 1, ReviewNever, Now));

        Assert.Equal("payment.amount_mismatch", error.Code);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
    }

    [Fact]
    public void Cash_on_delivery_confirms_with_nothing_paid_and_the_courier_collects_the_total()
    {
        var order = NewOrder();

        order.MarkPaid("cod", 0, ReviewNever, Now);
        Assert.Equal((OrderStatus.Paid, 0L), (order.Status, order.PaidFen));

        order.CollectOnDelivery(Now.AddDays(2));
        Assert.Equal(110_00, order.PaidFen);
    }

    [Fact]
    public void Choosing_a_payment_method_only_ever_extends_the_auto_cancel_time()
    {
        var order = NewOrder();
        var original = order.AutoCancelAt;

        order.ChoosePayment("sandbox", original.AddMinutes(-10));
        Assert.Equal(original, order.AutoCancelAt);

        order.ChoosePayment("sandbox", original.AddMinutes(15));
        Assert.Equal(original.AddMinutes(15), order.AutoCancelAt);
    }

    [Fact]
    public void An_order_at_the_review_threshold_waits_for_review_before_it_ships()
    {
        var order = NewOrder();
        order.MarkPaid("sandbox", order.TotalFen, reviewOverFen: order.TotalFen, Now);

        Assert.Equal(ReviewState.Pending, order.Review);
        Assert.Equal("order.under_review", Assert.Throws<DomainException>(() => order.Ship("SF", "1", Now)).Code);

        order.DecideReview(approve: true, null);
        order.Ship("SF", "1", Now);
        Assert.Equal(OrderStatus.Shipped, order.Status);
    }

    [Fact]
    public void An_order_below_the_review_threshold_needs_no_review()
    {
        var order = NewOrder();
        order.MarkPaid("sandbox", order.TotalFen, reviewOverFen: order.TotalFen + 1, Now);

        Assert.Equal(ReviewState.None, order.Review);
        Assert.Equal("order.not_under_review", Assert.Throws<DomainException>(() => order.DecideReview(true, null)).Code);
    }

    [Fact]
    public void A_rejected_review_keeps_the_given_reason()
    {
        var order = NewOrder();
        order.MarkPaid("sandbox", order.TotalFen, reviewOverFen: 0, Now);

        order.DecideReview(approve: false, "address looks fake");

        Assert.Equal((ReviewState.Rejected, "address looks fake"), (order.Review, order.ReviewReason));
    }

    [Fact]
    public void A_fully_refunded_order_cannot_ship()
    {
        var order = OrderIn(OrderStatus.Paid);
        order.RecordRefund(order.PaidFen);

        Assert.True(order.IsFullyRefunded);
        Assert.Equal("order.refunded", Assert.Throws<DomainException>(() => order.Ship("SF", "1", Now)).Code);
    }

    [Fact]
    public void Refunds_never_add_up_to_more_than_was_paid()
    {
        var order = OrderIn(OrderStatus.Paid);
        order.RecordRefund(60_00);

        Assert.Equal(50_00, order.RefundableFen);
        Assert.Equal("refund.exceeds_paid", Assert.Throws<DomainException>(() => order.RecordRefund(50_01)).Code);
        Assert.Equal("refund.exceeds_paid", Assert.Throws<DomainException>(() => order.RecordRefund(0)).Code);
        order.RecordRefund(50_00);
        Assert.Equal(0, order.RefundableFen);
    }

    [Fact]
    public void An_unpaid_order_has_nothing_to_refund()
    {
        var order = NewOrder();

        Assert.Equal("refund.exceeds_paid", Assert.Throws<DomainException>(() => order.RecordRefund(1)).Code);
        Assert.False(order.IsFullyRefunded);
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Cancelled)]
    public void An_order_can_be_rated_only_once_it_has_arrived(OrderStatus status)
    {
        var error = Assert.Throws<DomainException>(() => OrderIn(status).Rate(5));

        Assert.Equal("order.not_received", error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_rating_outside_one_to_five_is_refused_as_bad_input(int rating)
    {
        var error = Assert.Throws<RequestValidationException>(() => OrderIn(OrderStatus.Delivered).Rate(rating));

        Assert.Equal("order.rating_invalid", error.Code);
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Completed)]
    public void A_received_order_takes_a_rating(OrderStatus status)
    {
        var order = OrderIn(status);

        order.Rate(4);

        Assert.Equal(4, order.SatisfactionRating);
    }
}
