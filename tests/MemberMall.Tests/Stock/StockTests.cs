using System.Net;
using System.Net.Http.Json;
using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Stock;

public class StockTests
{
    [Fact]
    public async Task A_hundred_concurrent_orders_for_the_last_ten_units_sell_exactly_ten()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("限量版机械键盘", 599m, 10);
        var buyers = new List<(HttpClient Client, Guid Address)>();
        for (var i = 0; i < 20; i++)
        {
            var member = await app.MemberAsync($"1391234{i:D4}");
            buyers.Add((member, await member.AddressAsync()));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
        {
            var (client, address) = buyers[i % buyers.Count];
            return client.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = product, quantity = 1 } } });
        }));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var failed in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await failed.ShouldFail(HttpStatusCode.UnprocessableEntity, "stock.insufficient");
        var row = await app.WithDb(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == product));
        Assert.Equal(0, row.Stock);
        Assert.Equal(10, row.Reserved);
        Assert.Equal(10, await app.WithDb(db => db.Orders.CountAsync()));
        var movements = await app.WithDb(db => db.StockMovements.AsNoTracking().Where(m => m.ProductId == product).ToListAsync());
        Assert.Equal(10, movements.Count(m => m.Kind == StockMovementKind.Reserved));
        Assert.All(movements, m => Assert.True(m.StockAfter >= 0));
    }

    [Fact]
    public async Task Stock_and_reserved_figures_are_the_sum_of_the_movement_ledger()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("不锈钢保温壶", 89m, 30);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var paid = await app.PaidOrderAsync(member, address, (product, 4));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{paid.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        var unpaid = await member.OrderAsync(address, (product, 3));
        (await member.PostAsync($"/api/orders/{unpaid.Str("id")}/cancel", null)).EnsureSuccessStatusCode();
        await member.OrderAsync(address, (product, 2));
        (await admin.PostAsJsonAsync($"/api/admin/products/{product}/stock-adjustments", new { quantity = -5, reason = "盘点损耗" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/products/{product}/stock-adjustments", new { quantity = 12, reason = "received" })).EnsureSuccessStatusCode();

        var row = await app.WithDb(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == product));
        var ledger = await app.WithDb(db => db.StockMovements.AsNoTracking().Where(m => m.ProductId == product).ToListAsync());
        Assert.Equal(row.Stock, ledger.Sum(m => m.StockChange));
        Assert.Equal(row.Reserved, ledger.Sum(m => m.ReservedChange));
        Assert.Equal(30 - 4 - 2 - 5 + 12, row.Stock);
        Assert.Equal(2, row.Reserved);
        Assert.Equal(4, row.SoldCount);
        var view = await admin.Json($"/api/admin/products/{product}/stock-movements");
        Assert.Equal(["received", "reserved", "sold", "reserved", "released", "reserved", "adjusted", "received"],
            view.AsArray().Reverse().Select(m => m.Str("kind")));
    }

    [Theory]
    [InlineData("ship")]
    [InlineData("cancel")]
    public async Task Moving_reserved_units_of_an_order_another_request_moved_first_is_a_stale_read_that_moves_nothing(string action)
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("不锈钢保温壶", 89m, 30);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var order = action == "ship" ? await app.PaidOrderAsync(member, address, (product, 4)) : await member.OrderAsync(address, (product, 4));
        var orderId = Guid.Parse(order.Str("id"));

        // One request (a second click, the auto-cancel job) reads the order; another ships or cancels it and commits first.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        await db.Orders.Include(o => o.Items).SingleAsync(o => o.Id == orderId);
        if (action == "ship")
            (await admin.PostAsJsonAsync($"/api/admin/orders/{orderId}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        else
            (await member.PostAsync($"/api/orders/{orderId}/cancel", null)).EnsureSuccessStatusCode();

        // The request that read first finds the reserved units gone: a stale read (409 concurrency.stale), not an error.
        var actions = scope.ServiceProvider.GetRequiredService<OrderActions>();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => action == "ship"
            ? actions.ShipAsync(orderId, "顺丰", "SF2", Actor.System, default)
            : actions.CancelAsync(orderId, null, "超时未支付", Actor.System, default));

        var row = await app.WithDb(d => d.Products.AsNoTracking().SingleAsync(p => p.Id == product));
        Assert.Equal(0, row.Reserved);
        Assert.Equal(action == "ship" ? 26 : 30, row.Stock);
        Assert.Equal(action == "ship" ? 4 : 0, row.SoldCount);
        // Received, reserved, then sold or released once.
        Assert.Equal(3, await app.WithDb(d => d.StockMovements.CountAsync(m => m.ProductId == product)));
    }

    [Fact]
    public async Task An_adjustment_below_zero_is_refused_and_changes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("乳胶枕", 159m, 3);

        await (await admin.PostAsJsonAsync($"/api/admin/products/{product}/stock-adjustments", new { quantity = -4, reason = "盘点" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "stock.insufficient");
        await (await admin.PostAsJsonAsync($"/api/admin/products/{product}/stock-adjustments", new { quantity = 0, reason = "盘点" }))
            .ShouldFail(HttpStatusCode.BadRequest, "stock.quantity_invalid");

        Assert.Equal(3, await admin.StockAsync(product));
        Assert.Equal(1, await app.WithDb(db => db.StockMovements.CountAsync()));
    }

    [Fact]
    public async Task Falling_below_the_low_threshold_lists_the_product_and_raises_one_event()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("有机纯牛奶 12 盒", 69m, 12, lowStock: 10);
        await admin.ProductAsync("坚果礼盒", 99m, 100, lowStock: 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        await member.OrderAsync(address, (product, 3));
        await member.OrderAsync(address, (product, 1));

        var low = await admin.Json("/api/admin/stock?low=true");
        Assert.Equal(product.ToString(), Assert.Single(low.AsArray())!.Str("id"));
        var evt = await app.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == "stock.low"));
        Assert.Equal(product.ToString(), evt.AggregateId);
        var payload = System.Text.Json.Nodes.JsonNode.Parse(evt.Payload)!;
        Assert.Equal(product.ToString(), payload.Str("productId"));
        Assert.Equal("有机纯牛奶 12 盒", payload.Str("name"));
        Assert.Equal(9, payload["stock"]!.GetValue<int>());
        Assert.Equal(10, payload["threshold"]!.GetValue<int>());
        var reserved = await app.WithDb(db => db.StockMovements.AsNoTracking().Where(m => m.ProductId == product && m.Kind == StockMovementKind.Reserved)
            .OrderBy(m => m.StockAfter).ToListAsync());
        Assert.Equal([8, 9], reserved.Select(m => m.StockAfter));
        Assert.Equal([-1, -3], reserved.Select(m => m.StockChange));
        Assert.Equal([1, 3], reserved.Select(m => m.ReservedChange));
        Assert.All(reserved, m => Assert.StartsWith("order:", m.Reference));
    }

    [Fact]
    public async Task An_order_short_on_one_of_its_products_reserves_nothing_and_the_same_key_is_refused_again()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var plenty = await admin.ProductAsync("竹纤维毛巾", 29m, 50);
        var scarce = await admin.ProductAsync("手冲咖啡壶", 159m, 2);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var body = new { addressId = address, items = new[] { new { productId = plenty, quantity = 5 }, new { productId = scarce, quantity = 3 } } };

        HttpRequestMessage Place(string key) => Shop.KeyedPost("/api/orders", body, key);

        // A refusal is not an answer kept for the key: the same key tries again, and is refused again.
        await (await member.SendAsync(Place("order-1"))).ShouldFail(HttpStatusCode.UnprocessableEntity, "stock.insufficient");
        await (await member.SendAsync(Place("order-1"))).ShouldFail(HttpStatusCode.UnprocessableEntity, "stock.insufficient");

        Assert.Equal(50, await admin.StockAsync(plenty));
        Assert.Equal(2, await admin.StockAsync(scarce));
        Assert.Equal(0, await app.WithDb(db => db.Orders.CountAsync()));
        Assert.Equal(0, await app.WithDb(db => db.StockMovements.CountAsync(m => m.Kind == StockMovementKind.Reserved)));
        Assert.Equal(0, await app.WithDb(db => db.Products.Where(p => p.Id == plenty || p.Id == scarce).SumAsync(p => p.Reserved)));

        (await admin.PostAsJsonAsync($"/api/admin/products/{scarce}/stock-adjustments", new { quantity = 1, reason = "received" })).EnsureSuccessStatusCode();
        await (await member.SendAsync(Place("order-2"))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(45, await admin.StockAsync(plenty));
        Assert.Equal(0, await admin.StockAsync(scarce));
        Assert.Equal(2, await app.WithDb(db => db.StockMovements.CountAsync(m => m.Kind == StockMovementKind.Reserved)));
    }
}
