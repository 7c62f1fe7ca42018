using System.Globalization;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Features.Cart;
using MemberMall.Features.Catalog;
using MemberMall.Features.Coupons;
using MemberMall.Features.Pricing;
using MemberMall.Features.Settings;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

public sealed record OrderLineInput([property: Required] Guid ProductId, [property: Range(1, Product.MaxQuantityPerLine)] int Quantity);

/// <param name="CouponIds">The member's own coupon copies to use (<c>GET /api/me/coupons</c>).</param>
/// <param name="CouponCodes">Claim codes of coupons the member already holds: each uses the copy of that coupon ending soonest.</param>
public sealed record CheckoutInput([property: Required] Guid AddressId, [property: MaxLength(10), EachLength(64)] IReadOnlyList<string>? CouponCodes = null, long PointsToUse = 0,
    [property: MaxLength(100), NoEmptyEntries] IReadOnlyList<OrderLineInput>? Items = null, [property: StringLength(32)] string? PaymentMethod = null,
    [property: MaxLength(10)] IReadOnlyList<Guid>? CouponIds = null);

/// <summary>Placing an order: price it, reserve the stock and write the order, all in one transaction.</summary>
public sealed class OrderService(MallDb db, PriceCalculator prices, CartService cart, StockService stock, ShopSettingsService settings,
    OrderTimeline timeline, Outbox.Outbox outbox, Points.OrderPoints points, CouponRedemption coupons, TimeProvider clock, ILogger<OrderService> logger)
{
    public static readonly string[] PaymentMethods = ["sandbox", "cod", "bank_transfer"];

    public async Task<Quote> PreviewAsync(Guid memberId, CheckoutInput input, CancellationToken ct)
    {
        var lines = await LinesAsync(memberId, input, ct);
        return await prices.QuoteAsync(memberId, lines.Lines, new CouponChoice(input.CouponIds, input.CouponCodes, Suggest: true), input.PointsToUse, lines.Products, ct);
    }

    public async Task<Order> PlaceAsync(Guid memberId, CheckoutInput input, Actor actor, CancellationToken ct)
    {
        var method = input.PaymentMethod ?? "sandbox";
        if (!PaymentMethods.Contains(method))
            throw new RequestValidationException("payment.method_invalid", "paymentMethod", "Payment method must be one of: " + string.Join(", ", PaymentMethods));
        var lines = await LinesAsync(memberId, input, ct);
        var quote = await prices.QuoteAsync(memberId, lines.Lines, new CouponChoice(input.CouponIds, input.CouponCodes), input.PointsToUse, lines.Products, ct);
        var shop = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveAsync(NewOrder(NewOrderNo(shop, now), memberId, quote, lines.Address, method, shop, now), quote, lines.CartRows, actor, ct);
            }
            catch (DbUpdateException e) when (attempt < 3 && e.UniqueViolation() is { } index && index.Contains("order_no", StringComparison.Ordinal))
            {
                // Another order drew the same number: nothing was kept, draw again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static Order NewOrder(string orderNo, Guid memberId, Quote quote, Members.Address address, string method, ShopSettings shop, DateTimeOffset now)
    {
        var order = new Order(orderNo, memberId, quote.SubtotalFen, quote.DiscountFen, quote.FreightFen, quote.PointsEarnable, now,
            now.AddMinutes(shop.UnpaidCancelMinutes))
        {
            RecipientName = address.RecipientName, RecipientPhoneCipher = address.PhoneCipher, Province = address.Province, City = address.City,
            District = address.District, AddressDetailCipher = address.DetailCipher,
            AdjustmentsJson = OrderText.AdjustmentsJson(QuoteView.From(quote).Adjustments),
            PointsUsed = quote.PointsUsed,
        };
        order.ChoosePayment(method, order.AutoCancelAt);
        foreach (var l in quote.Lines)
            order.Items.Add(new OrderItem
            {
                OrderId = order.Id, ProductId = l.ProductId, ProductName = l.Name, ImageUrl = l.ImageUrl, CategoryId = l.CategoryId,
                UnitPriceFen = l.UnitPriceFen, Quantity = l.Quantity, LineTotalFen = l.LineTotalFen, DiscountFen = l.DiscountFen, PointsUsed = l.PointsUsed,
            });
        return order;
    }

    private async Task<Order> SaveAsync(Order order, Quote quote, List<CartItem>? fromCart, Actor actor, CancellationToken ct)
    {
        var memberId = order.MemberId;
        await using var tx = await db.BeginWorkAsync(ct);
        await stock.ReserveAsync(quote.Lines.Select(l => new StockLine(l.ProductId, l.Quantity)), Reference(order), ct);
        await coupons.ReserveAsync(order.Id, memberId, quote.Coupons, order.CreatedAt, ct);
        db.Orders.Add(order);
        await points.RedeemAsync(order, actor, ct);
        timeline.Add(order, "created", OrderNotes.Created(quote.Lines.Sum(l => l.Quantity), order.TotalFen), actor);
        if (fromCart is not null) db.CartItems.RemoveRange(fromCart);
        outbox.Add("order.created", order.Id, new { orderId = order.Id, order.OrderNo, memberId, totalFen = order.TotalFen });
        await tx.SaveAndCommitAsync(ct);
        logger.LogInformation("Order {OrderId} placed by member {MemberId}", order.Id, memberId);
        return order;
    }

    public static string Reference(Order order) => "order:" + order.OrderNo;

    /// <summary>What is checked out and where to: the explicit items, else the cart's selected lines; one of the member's addresses.</summary>
    /// <param name="CartRows">The cart rows, tracked: the order's own save deletes them.</param>
    /// <param name="Products">The products of the cart lines, read with them.</param>
    /// <param name="Address">The chosen address, read with the cart lines when the order is from the cart.</param>
    private sealed record CheckoutLines(List<PriceRequestLine> Lines, List<CartItem>? CartRows, IReadOnlyDictionary<Guid, PricedProduct>? Products,
        Members.Address Address);

    private async Task<CheckoutLines> LinesAsync(Guid memberId, CheckoutInput input, CancellationToken ct)
    {
        if (input.Items is { } items)
        {
            if (items.Any(i => i.Quantity is < 1 or > Product.MaxQuantityPerLine))
                throw new RequestValidationException("order.quantity_invalid", "items", $"Each quantity must be between 1 and {Product.MaxQuantityPerLine}.");
            return new CheckoutLines(items.Select(i => new PriceRequestLine(i.ProductId, i.Quantity)).ToList(), null, null,
                await AddressAsync(memberId, input.AddressId, ct));
        }
        var (rows, products, address) = await cart.SelectedAsync(memberId, input.AddressId, ct);
        if (rows.Count == 0) throw new DomainException("checkout.empty", "Select something in the cart first.");
        return new CheckoutLines(rows.Select(c => new PriceRequestLine(c.ProductId, c.Quantity)).ToList(), rows, products, address ?? throw AddressNotFound());
    }

    private async Task<Members.Address> AddressAsync(Guid memberId, Guid addressId, CancellationToken ct) =>
        await MembersAddress(db, addressId, memberId, ct) ?? throw AddressNotFound();

    private static NotFoundException AddressNotFound() => new("address.not_found", "Choose one of your own addresses.");

    private static readonly Func<MallDb, Guid, Guid, CancellationToken, Task<Members.Address?>> MembersAddress = EF.CompileAsyncQuery(
        (MallDb db, Guid addressId, Guid memberId, CancellationToken ct) => db.Addresses.AsNoTracking().SingleOrDefault(a => a.Id == addressId && a.MemberId == memberId));

    /// <summary>The shop's date + 14 random digits (20 characters); a number drawn twice is drawn again.</summary>
    private static string NewOrderNo(ShopSettings shop, DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(now, shop.Zone).ToString("yyMMdd", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
}

/// <summary>Writes the order's timeline: every event on the order, with who caused it.</summary>
public sealed class OrderTimeline(MallDb db, TimeProvider clock)
{
    public void Add(Order order, string type, string? note, Actor actor) => Add(order.Id, type, note, actor);

    public void Add(Guid orderId, string type, string? note, Actor actor) =>
        db.OrderEvents.Add(new OrderEvent { OrderId = orderId, At = clock.GetUtcNow(), Type = type, Note = note, ActorName = actor.Name });
}
