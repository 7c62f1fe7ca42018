using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Features.Orders;
using MemberMall.Features.Payments;
using MemberMall.Features.Pricing;
using MemberMall.Features.Settings;

namespace MemberMall.Features.Demo;

internal sealed record DemoBuyer(Guid MemberId, string Name, Address Address);

internal enum DemoStage { PendingPayment, Cancelled, Paid, Shipped, Delivered, Completed }

/// <summary>What one demo order went through: the order itself, its payment and its timeline.</summary>
internal sealed class DemoOrder(Order order)
{
    public Order Order { get; } = order;
    public Payment? Payment { get; set; }
    public List<OrderEvent> Events { get; } = [];
    public DemoStage Stage { get; set; } = DemoStage.PendingPayment;

    public void Event(DateTimeOffset at, string type, string? note, string actor) =>
        Events.Add(new OrderEvent { OrderId = Order.Id, At = at, Type = type, Note = note, ActorName = actor });
}

/// <summary>
/// Lives one demo order from placement on, at past times, through the entities' own transitions: each step
/// happens only if its time has come, so recent orders are still paid or on their way and older ones are done.
/// </summary>
internal sealed class DemoOrderLife(Random random, DateTimeOffset now, ShopSettings shop, DemoLedger ledger)
{
    private static readonly string[] Carriers = ["顺丰速运", "中通快递", "圆通速递", "韵达快递", "京东物流"];
    private static readonly string Operations = DemoData.StaffUsers.First(s => s.Role == Accounts.Roles.Operations).Name;
    private static readonly string Service = DemoData.StaffUsers.First(s => s.Role == Accounts.Roles.Service).Name;
    private readonly HashSet<string> _tradeNos = [];

    public DemoOrder Live(DemoBuyer buyer, Quote quote, DateTimeOffset created, string orderNo)
    {
        var a = buyer.Address;
        var order = new Order(orderNo, buyer.MemberId, quote.SubtotalFen, quote.DiscountFen, quote.FreightFen, quote.PointsEarnable, created,
            created.AddMinutes(shop.UnpaidCancelMinutes))
        {
            RecipientName = a.RecipientName, RecipientPhoneCipher = a.PhoneCipher, Province = a.Province, City = a.City, District = a.District,
            AddressDetailCipher = a.DetailCipher, AdjustmentsJson = OrderText.AdjustmentsJson(QuoteView.From(quote).Adjustments),
        };
        foreach (var l in quote.Lines)
            order.Items.Add(new OrderItem
            {
                OrderId = order.Id, ProductId = l.ProductId, ProductName = l.Name, ImageUrl = l.ImageUrl, CategoryId = l.CategoryId,
                UnitPriceFen = l.UnitPriceFen, Quantity = l.Quantity, LineTotalFen = l.LineTotalFen, DiscountFen = l.DiscountFen,
            });
        var method = random.Next(100) switch { < 80 => "sandbox", < 92 => "cod", _ => "bank_transfer" };
        order.ChoosePayment(method, order.AutoCancelAt);
        var life = new DemoOrder(order);
        var reference = OrderService.Reference(order);
        life.Event(created, "created", OrderNotes.Created(quote.Lines.Sum(l => l.Quantity), order.TotalFen), buyer.Name);
        foreach (var l in quote.Lines) ledger.Reserve(l.ProductId, l.Quantity, reference, created);

        if (random.Next(100) < 7 && now - created > TimeSpan.FromHours(1))
        {
            Abandon(life, buyer, method, created, reference);
            return life;
        }
        if (Pay(life, buyer, method, created) is not { } paidAt) return life;
        Fulfil(life, buyer, paidAt, reference);
        return life;
    }

    private void Abandon(DemoOrder life, DemoBuyer buyer, string method, DateTimeOffset created, string reference)
    {
        var order = life.Order;
        if (method != "cod")
        {
            life.Payment = NewPayment(order, method, created.AddMinutes(1));
            life.Event(created.AddMinutes(1), "payment_started", OrderNotes.Payment(method, life.Payment.TradeNo), buyer.Name);
            life.Payment.Cancel();
        }
        var byMember = random.Next(3) == 0;
        var at = byMember ? created.AddMinutes(random.Next(3, 20)) : created.AddMinutes(shop.UnpaidCancelMinutes);
        var reason = byMember ? OrderNotes.CancelledByMember : OrderNotes.PaymentDeadlinePassed;
        order.Cancel(reason, at);
        foreach (var item in order.Items) ledger.Release(item.ProductId, item.Quantity, reference, at);
        life.Event(at, "cancelled", reason, byMember ? buyer.Name : Actor.System.Name);
        life.Stage = DemoStage.Cancelled;
    }

    /// <summary>Pays the order the way its method does; null while a bank transfer is still on its way.</summary>
    private DateTimeOffset? Pay(DemoOrder life, DemoBuyer buyer, string method, DateTimeOffset created)
    {
        var order = life.Order;
        var started = created.AddMinutes(1);
        life.Payment = NewPayment(order, method, started);
        DateTimeOffset paidAt;
        switch (method)
        {
            case "cod":
                paidAt = started;
                order.MarkPaid("cod", 0, shop.ReviewOverFen, paidAt);
                life.Event(paidAt, "paid", OrderNotes.Payment("cod"), buyer.Name);
                break;
            case "bank_transfer":
                order.ChoosePayment(method, started.AddDays(3));
                life.Event(started, "payment_started", OrderNotes.Payment("bank_transfer", life.Payment.TradeNo), buyer.Name);
                paidAt = started.AddHours(random.Next(2, 20));
                if (paidAt > now) return null;
                life.Payment.Succeed("BANK-" + life.Payment.TradeNo, paidAt);
                order.MarkPaid(method, order.TotalFen, shop.ReviewOverFen, paidAt);
                life.Event(paidAt, "paid", OrderNotes.Payment("bank_transfer", life.Payment.TradeNo), Actor.System.Name);
                break;
            default:
                life.Event(started, "payment_started", OrderNotes.Payment("sandbox", life.Payment.TradeNo), buyer.Name);
                paidAt = started.AddSeconds(random.Next(20, 300));
                life.Payment.Succeed("SBX" + random.Next().ToString("x8") + random.Next().ToString("x8"), paidAt);
                order.MarkPaid(method, order.TotalFen, shop.ReviewOverFen, paidAt);
                life.Event(paidAt, "paid", OrderNotes.Payment("sandbox", life.Payment.TradeNo), Actor.System.Name);
                break;
        }
        if (order.Review == ReviewState.Pending) life.Event(paidAt, "review_flagged", order.ReviewReason, Actor.System.Name);
        life.Stage = DemoStage.Paid;
        return paidAt;
    }

    private void Fulfil(DemoOrder life, DemoBuyer buyer, DateTimeOffset paidAt, string reference)
    {
        var order = life.Order;
        var shippedAt = paidAt.AddHours(random.Next(3, 40)).AddMinutes(random.Next(60));
        if (shippedAt > now) return;
        if (order.Review == ReviewState.Pending)
        {
            order.DecideReview(true, "电话核实通过");
            life.Event(paidAt.AddMinutes(random.Next(20, 120)), "review_approved", "电话核实通过", Service);
        }
        var carrier = Carriers[random.Next(Carriers.Length)];
        var tracking = (carrier == "顺丰速运" ? "SF" : "YT") + random.NextInt64(1_000_000_000_000, 9_999_999_999_999);
        order.Ship(carrier, tracking, shippedAt);
        foreach (var item in order.Items) ledger.Ship(item.ProductId, item.Quantity, reference, shippedAt);
        life.Event(shippedAt, "shipped", $"{carrier} {tracking}", Operations);
        life.Stage = DemoStage.Shipped;

        var deliveredAt = shippedAt.AddHours(random.Next(20, 80));
        if (deliveredAt > now) return;
        var byMember = random.Next(10) < 7;
        order.Deliver(deliveredAt);
        order.CollectOnDelivery(deliveredAt);
        life.Event(deliveredAt, "delivered", byMember ? OrderNotes.ReceiptConfirmedByMember : OrderNotes.MarkedDeliveredByStaff, byMember ? buyer.Name : Operations);
        life.Stage = DemoStage.Delivered;

        if (random.Next(100) < 35 && deliveredAt.AddHours(2) < now)
        {
            var rating = random.Next(10) switch { < 6 => 5, < 9 => 4, _ => 3 };
            order.Rate(rating);
            life.Event(deliveredAt.AddHours(random.Next(1, 48)) is var at && at < now ? at : now, "rated", $"{rating}/5", buyer.Name);
        }
        var completedAt = deliveredAt.AddDays(shop.AutoCompleteDays);
        if (completedAt > now) return;
        order.Complete(completedAt);
        life.Event(completedAt, "completed", null, Actor.System.Name);
        life.Stage = DemoStage.Completed;
    }

    private Payment NewPayment(Order order, string method, DateTimeOffset at)
    {
        string tradeNo;
        do tradeNo = "P" + at.ToString("yyMMddHHmmss") + random.Next(0, 1_000_000).ToString("D6");
        while (!_tradeNos.Add(tradeNo));
        return new Payment { OrderId = order.Id, Method = method, AmountFen = order.TotalFen, CreatedAt = at, TradeNo = tradeNo };
    }
}
