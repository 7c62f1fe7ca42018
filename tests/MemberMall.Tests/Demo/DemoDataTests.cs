using System.Diagnostics;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Orders;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Demo;

/// <summary>The demo shop's history must look like the real flow left it: every figure derivable from its ledger.</summary>
public class DemoDataTests
{
    private static Task<MallApp> DemoAsync() => MallApp.StartAsync(new() { ["Seed:Demo"] = "true", ["Seed:DemoMembers"] = "300" });

    [Fact]
    public async Task The_demo_has_orders_in_every_state_from_many_members()
    {
        var watch = Stopwatch.StartNew();
        await using var app = await DemoAsync();
        Console.WriteLine($"Demo seed and start: {watch.Elapsed}");

        var byStatus = await app.WithDb(db => db.Orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var buyers = await app.WithDb(db => db.Orders.Select(o => o.MemberId).Distinct().CountAsync());

        Assert.InRange(buyers, 120, 150);
        Assert.InRange(byStatus.Sum(s => s.Count), 250, 500);
        foreach (var status in new[] { OrderStatus.Completed, OrderStatus.Delivered, OrderStatus.Shipped, OrderStatus.Paid, OrderStatus.Cancelled })
            Assert.Contains(byStatus, s => s.Key == status && s.Count > 0);
        Assert.True(await app.WithDb(db => db.ProductReviews.AnyAsync()));
        var afterSales = await app.WithDb(db => db.AfterSalesRequests.Select(r => r.Status).ToListAsync());
        Assert.Equal(3, afterSales.Count);
        Assert.Contains(AfterSalesStatus.Requested, afterSales);
        Assert.Contains(AfterSalesStatus.Refunded, afterSales);
        Assert.True(await app.WithDb(db => db.Orders.AllAsync(o => o.CreatedAt <= app.Clock.GetUtcNow())));

        // The member the start banner names can sign in and finds a history of orders.
        var member = app.WithToken((await app.LoginAsync(MemberMall.Features.Demo.DemoData.DemoMemberPhone, MallApp.AdminPassword)).Str("accessToken"));
        Assert.True((await member.Json("/api/me/orders"))["total"]!.GetValue<int>() >= 3);
    }

    [Fact]
    public async Task Demo_stock_equals_its_ledger_and_reservations_match_the_open_orders()
    {
        await using var app = await DemoAsync();
        await app.WithDb(async db =>
        {
            var products = await db.Products.AsNoTracking().ToListAsync();
            var movements = await db.StockMovements.AsNoTracking().ToListAsync();
            var open = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.Paid)
                .SelectMany(o => o.Items).ToListAsync();
            foreach (var p in products)
            {
                var mine = movements.Where(m => m.ProductId == p.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
                Assert.Equal(p.Stock, mine.Sum(m => m.StockChange));
                Assert.Equal(p.Reserved, mine.Sum(m => m.ReservedChange));
                Assert.Equal(p.SoldCount, -mine.Where(m => m.Kind == StockMovementKind.Sold).Sum(m => m.ReservedChange));
                Assert.Equal(p.Reserved, open.Where(i => i.ProductId == p.Id).Sum(i => i.Quantity - i.RefundedQuantity));
                Assert.All(mine, m => Assert.True(m.StockAfter >= 0));
                Assert.Equal(p.Stock, mine[^1].StockAfter);
            }
            Assert.Contains(products, p => p.Stock < p.LowStockThreshold);
            return 0;
        });
    }

    [Fact]
    public async Task Demo_members_statistics_reviews_and_timelines_agree_with_their_orders()
    {
        await using var app = await DemoAsync();
        await app.WithDb(async db =>
        {
            var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt != null)
                .Select(o => new { o.MemberId, o.TotalFen, o.RefundedFen, o.PaidAt }).ToListAsync();
            var members = await db.Members.AsNoTracking().Where(m => m.OrderCount > 0 || m.TotalSpendFen > 0).ToListAsync();
            Assert.Equal(paid.Select(o => o.MemberId).Distinct().Order(), members.Select(m => m.Id).Order());
            foreach (var m in members)
            {
                var mine = paid.Where(o => o.MemberId == m.Id).ToList();
                Assert.Equal(mine.Count, m.OrderCount);
                Assert.Equal(mine.Sum(o => o.TotalFen - o.RefundedFen), m.TotalSpendFen);
                Assert.Equal(mine.Min(o => o.PaidAt), m.FirstOrderAt);
                Assert.Equal(mine.Max(o => o.PaidAt), m.LastOrderAt);
            }

            var reviews = await db.ProductReviews.AsNoTracking().ToListAsync();
            var votes = await db.ReviewVotes.AsNoTracking().ToListAsync();
            foreach (var p in await db.Products.AsNoTracking().ToListAsync())
            {
                Assert.Equal(reviews.Count(r => r.ProductId == p.Id), p.ReviewCount);
                Assert.Equal(reviews.Where(r => r.ProductId == p.Id).Sum(r => r.Stars), p.RatingTotal);
            }
            Assert.All(reviews, r => Assert.Equal(votes.Count(v => v.ReviewId == r.Id), r.HelpfulCount));

            var events = await db.OrderEvents.AsNoTracking().Select(e => new { e.OrderId, e.Type }).ToListAsync();
            var orders = await db.Orders.AsNoTracking().Select(o => new { o.Id, o.Status, o.PaidAt }).ToListAsync();
            Assert.All(orders, o => Assert.Contains(events, e => e.OrderId == o.Id && e.Type == "created"));
            Assert.All(orders.Where(o => o.PaidAt != null), o => Assert.Contains(events, e => e.OrderId == o.Id && e.Type == "paid"));
            Assert.All(orders.Where(o => o.Status == OrderStatus.Shipped), o => Assert.Contains(events, e => e.OrderId == o.Id && e.Type == "shipped"));
            return 0;
        });
    }

    [Fact]
    public async Task The_demo_is_the_same_every_time()
    {
        static Task<List<string>> OrderNos(MallDb db) => db.Orders.OrderBy(o => o.OrderNo).Select(o => o.OrderNo + o.Status + o.TotalFen).ToListAsync();
        await using var first = await DemoAsync();
        await using var second = await DemoAsync();

        Assert.Equal(await first.WithDb(OrderNos), await second.WithDb(OrderNos));
    }
}
