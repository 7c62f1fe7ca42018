using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Members;
using MemberMall.Features.Orders;
using MemberMall.Features.Pricing;
using MemberMall.Features.Reviews;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Demo;

/// <summary>
/// Months of shop history for the demo: orders of about 150 members, priced by the real calculator and lived
/// through the order's own transitions at past times (<see cref="DemoOrderLife"/>), with the stock ledger,
/// payments, timelines, consumption statistics (through <see cref="ConsumptionStats"/>) and reviews the real
/// flow leaves behind. It runs inside the demo seed's transaction; a few after-sales requests follow through
/// the real service once that has committed.
/// </summary>
public sealed class DemoHistory(MallDb db, PriceCalculator prices, ConsumptionStats stats, ShopSettingsService settings, AfterSalesService afterSales)
{
    public const int Buyers = 150;
    private static readonly TimeSpan Span = TimeSpan.FromDays(180);

    internal async Task<List<DemoOrder>> SeedAsync(IReadOnlyList<(Guid ProductId, int Quantity)> opening, Guid demoMemberId, Random random, DateTimeOffset now,
        CancellationToken ct)
    {
        var shop = await settings.GetAsync(ct);
        var ledger = new DemoLedger();
        foreach (var (productId, quantity) in opening) ledger.Open(productId, quantity, now - Span - TimeSpan.FromDays(7));
        var products = opening.Select(o => o.ProductId).ToList();
        var life = new DemoOrderLife(random, now, shop, ledger);
        var reviews = new DemoReviews(random, now);
        var orderNos = new HashSet<string>();
        var lived = new List<DemoOrder>();

        foreach (var (buyer, at) in await PlanAsync(demoMemberId, random, now, ct))
        {
            var lines = PickLines(random, products, ledger);
            if (lines.Count == 0) continue;
            var quote = await prices.QuoteAsync(buyer.MemberId, lines, null, 0, ct);
            string orderNo;
            do orderNo = TimeZoneInfo.ConvertTime(at, shop.Zone).ToString("yyMMdd") + random.NextInt64(0, 10_000_000_000).ToString("D10");
            while (!orderNos.Add(orderNo));
            var order = life.Live(buyer, quote, at, orderNo);
            db.Orders.Add(order.Order);
            if (order.Payment is not null) db.Payments.Add(order.Payment);
            db.OrderEvents.AddRange(order.Events);
            reviews.Write(order, buyer);
            if (order.Order.PaidAt is not null) await stats.RecordPaidAsync(order.Order, ct);
            // The statistics read the member's category spend back from the database, so each order is saved before the next.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lived.Add(order);
        }

        db.StockMovements.AddRange(ledger.Movements());
        reviews.AddTo(db);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var (productId, stock, reserved, sold) in ledger.Balances)
        {
            var (count, total) = reviews.For(productId);
            await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Stock, stock).SetProperty(p => p.Reserved, reserved).SetProperty(p => p.SoldCount, sold)
                .SetProperty(p => p.ReviewCount, count).SetProperty(p => p.RatingTotal, total), ct);
        }
        return lived;
    }

    /// <summary>
    /// Three recent deliveries come back: a refund waiting for review, a return approved and waiting for the goods,
    /// and a refund already paid back. Through the real service, so the refund, ledger and statistics follow.
    /// </summary>
    internal async Task AfterSalesAsync(IReadOnlyList<DemoOrder> lived, CancellationToken ct)
    {
        var recent = lived.Where(o => o.Stage == DemoStage.Delivered && o.Order.PaidFen > 0).OrderByDescending(o => o.Order.DeliveredAt).Take(3).ToList();
        var service = new Actor(null, DemoData.StaffUsers.First(s => s.Role == Roles.Service).Name, Roles.Service, null, null);
        var finance = new Actor(null, DemoData.StaffUsers.First(s => s.Role == Roles.Finance).Name, Roles.Finance, null, null);
        (string Type, string Reason)[] requests =
            [("refund", "商品有轻微划痕，申请部分退款"), ("return", "尺码不合适，申请退货"), ("refund", "买重复了，申请退款")];
        for (var i = 0; i < recent.Count; i++)
        {
            var order = recent[i].Order;
            var member = new Actor(order.MemberId, order.RecipientName, Roles.Member, null, null);
            var line = order.Items[0];
            var input = new AfterSalesInput(requests[i].Type, [new AfterSalesLineInput(line.Id, 1)], requests[i].Reason);
            var request = await afterSales.RequestAsync(order.MemberId, order.Id, input, member, ct);
            if (i >= 1) await afterSales.ApproveAsync(request.Id, "同意", service, ct);
            if (i == 2) await afterSales.RefundAsync(request.Id, finance, ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Who orders when: members with an address, one to four orders each (the demo member five), more of them in recent weeks.</summary>
    private async Task<List<(DemoBuyer Buyer, DateTimeOffset At)>> PlanAsync(Guid demoMemberId, Random random, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await (from a in db.Addresses.AsNoTracking()
                                join m in db.Members.AsNoTracking() on a.MemberId equals m.Id
                                where a.IsDefault
                                orderby m.MemberNo
                                select new { Address = a, m.Name, m.RegisteredAt }).ToListAsync(ct);
        var plan = new List<(DemoBuyer, DateTimeOffset)>();
        foreach (var c in candidates.OrderBy(c => c.Address.MemberId == demoMemberId ? 0 : 1).ThenBy(_ => random.Next()).Take(Buyers))
        {
            var buyer = new DemoBuyer(c.Address.MemberId, c.Name ?? "会员", c.Address);
            var earliest = c.RegisteredAt > now - Span ? c.RegisteredAt.AddHours(1) : now - Span;
            var window = now.AddMinutes(-20) - earliest;
            if (window <= TimeSpan.Zero) continue;
            var count = buyer.MemberId == demoMemberId ? 5 : random.Next(10) switch { < 4 => 1, < 7 => 2, < 9 => 3, _ => 4 };
            for (var i = 0; i < count; i++)
            {
                // Squaring a uniform draw puts more orders close to now, as a growing shop has.
                var u = random.NextDouble();
                plan.Add((buyer, now.AddMinutes(-20) - window * (u * u) - TimeSpan.FromSeconds(random.Next(0, 60))));
            }
        }
        return plan.OrderBy(p => p.Item2).ToList();
    }

    private static List<PriceRequestLine> PickLines(Random random, List<Guid> products, DemoLedger ledger)
    {
        var lines = new List<PriceRequestLine>();
        var wanted = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        foreach (var index in Enumerable.Range(0, wanted).Select(_ => (int)(products.Count * Math.Pow(random.NextDouble(), 1.4))).Distinct())
        {
            var productId = products[index];
            var quantity = Math.Min(random.Next(10) < 7 ? 1 : random.Next(2, 4), ledger.Sellable(productId));
            if (quantity > 0) lines.Add(new PriceRequestLine(productId, quantity));
        }
        return lines;
    }
}
