using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Stock;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Orders;

public class CheckoutFlowTests
{
    [Fact]
    public async Task A_member_browses_orders_pays_and_the_order_runs_through_to_completed()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var digital = await admin.CategoryAsync("数码电器");
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50, digital);
        await admin.ProductAsync("机械键盘", 299m, 20, digital);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        var found = await app.Anonymous().Json("/api/products?q=" + Uri.EscapeDataString("蓝牙耳机"));
        Assert.Equal(earbuds.ToString(), Assert.Single(found["items"]!.AsArray())!.Str("id"));
        (await member.PostAsJsonAsync("/api/cart/items", new { productId = earbuds, quantity = 2 })).EnsureSuccessStatusCode();

        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(398m, preview["subtotal"]!.GetValue<decimal>());
        Assert.Equal(0m, preview["freight"]!.GetValue<decimal>());
        Assert.Equal(398m, preview["total"]!.GetValue<decimal>());
        Assert.Contains(preview["adjustments"]!.AsArray(), a => a.Str("kind") == "free_shipping");

        var order = await (await member.PostAsJsonAsync("/api/orders", new { addressId = address, paymentMethod = "sandbox" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("pending_payment", order.Str("status"));
        Assert.Matches(@"^\d{20}$", order.Str("orderNo"));
        // The answer to the POST is the order as any later read sees it.
        var read = await member.Json($"/api/orders/{order.Str("id")}");
        foreach (var field in new[] { "orderNo", "status", "total", "freight", "paymentMethod", "address" })
            Assert.Equal(read[field]?.ToJsonString(), order[field]?.ToJsonString());
        Assert.Equal(read["items"]!.AsArray().Count, order["items"]!.AsArray().Count);
        Assert.Equal(read["timeline"]!.AsArray().Count, order["timeline"]!.AsArray().Count);
        Assert.Equal(48, await admin.StockAsync(earbuds));
        Assert.Empty((await member.Json("/api/cart"))["items"]!.AsArray());

        var payment = await member.StartSandboxAsync(order.Str("id"));
        await (await app.Anonymous().NotifyAsync(payment.Str("tradeNo"), 39_800)).ShouldBe(HttpStatusCode.OK);
        var id = order.Str("id");
        Assert.Equal("paid", (await member.Json($"/api/orders/{id}")).Str("status"));

        await (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1234567890" })).ShouldBe(HttpStatusCode.OK);
        await (await member.PostAsync($"/api/orders/{id}/confirm-receipt", null)).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(8));
        admin = await app.AdminAsync();
        member = app.WithToken((await app.LoginAsync("13812345678", MallApp.MemberPassword)).Str("accessToken"));
        var job = await (await admin.PostAsync("/api/admin/jobs/orders.auto-complete/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, job["processed"]!.GetValue<int>());

        var done = await member.Json($"/api/orders/{id}");
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(["created", "payment_started", "paid", "shipped", "delivered", "completed"], done["timeline"]!.AsArray().Select(e => e.Str("type")));
        // What the shop writes into the notes is a code with its values; the screens put it into words.
        Assert.Equal(["items_total:2|398.00", $"payment_sandbox:{payment.Str("tradeNo")}", $"payment_sandbox:{payment.Str("tradeNo")}", "顺丰 SF1234567890",
            "receipt_confirmed_by_member", null], done["timeline"]!.AsArray().Select(e => e!["note"]?.GetValue<string>()));
        var me = await member.Json("/api/me");
        Assert.Equal(1, me["stats"]!["orderCount"]!.GetValue<int>());
        Assert.Equal(398m, me["stats"]!["totalSpend"]!.GetValue<decimal>());
        var events = await app.WithDb(db => db.OutboxMessages.Select(m => m.Type).ToListAsync());
        Assert.Contains("order.paid", events);
        Assert.Contains("order.completed", events);
        var myOrders = await member.Json("/api/me/orders");
        Assert.Equal(id, Assert.Single(myOrders["items"]!.AsArray())!.Str("id"));
    }

    [Fact]
    public async Task Freight_is_charged_below_the_free_shipping_threshold_and_shown_as_a_line()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("云南普洱茶饼", 45.5m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = address, items = new[] { new { productId = tea, quantity = 1 } } }))
            .ShouldBe(HttpStatusCode.OK);

        Assert.Equal(45.5m, preview["subtotal"]!.GetValue<decimal>());
        Assert.Equal(10m, preview["freight"]!.GetValue<decimal>());
        Assert.Equal(55.5m, preview["total"]!.GetValue<decimal>());
        Assert.Equal(45, preview["pointsEarnable"]!.GetValue<long>());
        Assert.Equal("freight", Assert.Single(preview["adjustments"]!.AsArray())!.Str("kind"));
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_and_the_payment_deadline_both_release_the_stock()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("纯棉四件套", 299m, 5);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        var first = await member.OrderAsync(address, (product, 2));
        var second = await member.OrderAsync(address, (product, 3));
        Assert.Equal(0, await admin.StockAsync(product));

        var cancelled = await (await member.PostAsJsonAsync($"/api/orders/{first.Str("id")}/cancel", new { reason = "不想要了" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal(2, await admin.StockAsync(product));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var job = await (await admin.PostAsync("/api/admin/jobs/orders.auto-cancel/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, job["processed"]!.GetValue<int>());
        Assert.Equal("cancelled", (await member.Json($"/api/orders/{second.Str("id")}")).Str("status"));
        Assert.Equal(5, await admin.StockAsync(product));
        var again = await (await admin.PostAsync("/api/admin/jobs/orders.auto-cancel/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, again["processed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_transitions_are_refused_with_a_code_and_change_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("智能手环", 199m, 5);
        var member = await app.MemberAsync("13812345678");
        var order = await member.OrderAsync(await member.AddressAsync(), (product, 1));
        var id = order.Str("id");

        await (await admin.PostAsJsonAsync($"/api/admin/orders/{id}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.invalid_transition");
        await (await member.PostAsync($"/api/orders/{id}/confirm-receipt", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.invalid_transition");
        (await member.PostAsync($"/api/orders/{id}/cancel", null)).EnsureSuccessStatusCode();
        await (await member.PostAsync($"/api/orders/{id}/cancel", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.invalid_transition");
        await (await member.PostAsJsonAsync($"/api/orders/{id}/payments", new { method = "sandbox" })).ShouldFail(HttpStatusCode.UnprocessableEntity, "order.invalid_transition");

        var detail = await member.Json($"/api/orders/{id}");
        Assert.Equal("cancelled", detail.Str("status"));
        Assert.Equal(5, await admin.StockAsync(product));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public async Task Absurd_quantities_are_400_and_reserve_nothing(int quantity)
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("乳胶枕", 159m, 5);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        var response = await member.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = product, quantity } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(5, await admin.StockAsync(product));
        Assert.Equal(0, await app.WithDb(db => db.Orders.CountAsync()));
        await (await member.PostAsJsonAsync("/api/cart/items", new { productId = product, quantity })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_products_delisted_products_and_other_peoples_addresses_are_refused()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("香氛加湿器", 129m, 5);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var other = await app.MemberAsync("13812345679");

        await (await member.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = Guid.NewGuid(), quantity = 1 } } }))
            .ShouldFail(HttpStatusCode.NotFound, "product.not_found");
        await (await other.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldFail(HttpStatusCode.NotFound, "address.not_found");
        await (await member.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = product, quantity = 6 } } }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "stock.insufficient");
        (await admin.PatchAsJsonAsync($"/api/admin/products/{product}", new { status = "delisted" })).EnsureSuccessStatusCode();
        await (await member.PostAsJsonAsync("/api/orders", new { addressId = address, items = new[] { new { productId = product, quantity = 1 } } }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "product.unavailable");
        await (await app.Anonymous().GetAsync($"/api/products/{product}")).ShouldFail(HttpStatusCode.NotFound, "product.not_found");

        Assert.Equal(0, await app.WithDb(db => db.Orders.CountAsync()));
        Assert.Equal(5, await admin.StockAsync(product));
    }

    [Fact]
    public async Task Adding_to_the_cart_merges_quantities_answers_with_the_cart_as_saved_and_refuses_what_cannot_be_bought()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 88m, 10);
        var cup = await admin.ProductAsync("茶杯", 25.5m, 10);
        var gone = await admin.ProductAsync("旧款茶壶", 60m, 10);
        var member = await app.MemberAsync("13812345678");

        (await member.PostAsJsonAsync("/api/cart/items", new { productId = tea, quantity = 1 })).EnsureSuccessStatusCode();
        (await member.PatchAsJsonAsync($"/api/cart/items/{tea}", new { selected = false })).EnsureSuccessStatusCode();
        await (await member.PostAsJsonAsync("/api/cart/items", new { productId = cup, quantity = 2 })).ShouldBe(HttpStatusCode.OK);
        // Adding again adds to the line and selects it again.
        var answer = await (await member.PostAsJsonAsync("/api/cart/items", new { productId = tea, quantity = 2 })).ShouldBe(HttpStatusCode.OK);
        var read = await member.Json("/api/cart");
        Assert.Equal(read.ToJsonString(), answer.ToJsonString());
        var lines = answer["items"]!.AsArray();
        Assert.Equal([tea.ToString(), cup.ToString()], lines.Select(l => l.Str("productId")));
        Assert.Equal([3, 2], lines.Select(l => l!["quantity"]!.GetValue<int>()));
        Assert.All(lines, l => Assert.True(l!["selected"]!.GetValue<bool>()));
        Assert.Equal(2, answer["selectedCount"]!.GetValue<int>());
        Assert.Equal(88m * 3 + 25.5m * 2, answer["totals"]!["subtotal"]!.GetValue<decimal>());

        // A line never grows past the most one order line may hold.
        var capped = await (await member.PostAsJsonAsync("/api/cart/items", new { productId = cup, quantity = 999 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(999, capped["items"]!.AsArray().Single(l => l.Str("productId") == cup.ToString())!["quantity"]!.GetValue<int>());

        (await admin.PatchAsJsonAsync($"/api/admin/products/{gone}", new { status = "delisted" })).EnsureSuccessStatusCode();
        await (await member.PostAsJsonAsync("/api/cart/items", new { productId = gone, quantity = 1 })).ShouldFail(HttpStatusCode.UnprocessableEntity, "product.unavailable");
        await (await member.PostAsJsonAsync("/api/cart/items", new { productId = Guid.NewGuid(), quantity = 1 })).ShouldFail(HttpStatusCode.NotFound, "product.not_found");
        Assert.Equal(2, await app.WithDb(db => db.CartItems.CountAsync()));

        // The cart checks out only to one of the member's own addresses.
        var othersAddress = await (await app.MemberAsync("13812345679")).AddressAsync();
        await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = othersAddress })).ShouldFail(HttpStatusCode.NotFound, "address.not_found");
        await (await member.PostAsJsonAsync("/api/orders", new { addressId = othersAddress })).ShouldFail(HttpStatusCode.NotFound, "address.not_found");
        Assert.Equal(2, await app.WithDb(db => db.CartItems.CountAsync()));
        Assert.Equal(0, await app.WithDb(db => db.Orders.CountAsync()));
        var own = await member.AddressAsync();
        var preview = await (await member.PostAsJsonAsync("/api/checkout/preview", new { addressId = own })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(88m * 3 + 25.5m * 999, preview["subtotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task One_cart_ordered_several_times_at_once_becomes_one_order_and_its_answer_replays()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 88m, 10);
        var cup = await admin.ProductAsync("茶杯", 25.5m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        (await member.PostAsJsonAsync("/api/cart/items", new { productId = tea, quantity = 2 })).EnsureSuccessStatusCode();
        (await member.PostAsJsonAsync("/api/cart/items", new { productId = cup, quantity = 3 })).EnsureSuccessStatusCode();

        HttpRequestMessage Place(string key) => Shop.KeyedPost("/api/orders", new { addressId = address, paymentMethod = "sandbox" }, key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => member.SendAsync(Place("cart-order-" + i))));
        var placed = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a != placed))
        {
            // Read after the order committed, the cart is empty; read before, its rows are gone when the order saves.
            var code = (await refused.Content.ReadFromJsonAsync<JsonNode>())!.Str("code");
            Assert.Contains(code, new[] { "checkout.empty", "concurrency.stale" });
        }
        var order = await placed.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await app.WithDb(db => db.Orders.CountAsync()));
        Assert.Equal(8, await admin.StockAsync(tea));
        Assert.Equal(7, await admin.StockAsync(cup));
        Assert.Equal(0, await app.WithDb(db => db.CartItems.CountAsync()));
        Assert.Equal(2, await app.WithDb(db => db.StockMovements.CountAsync(m => m.Kind == StockMovementKind.Reserved)));

        var key = "cart-order-" + Array.IndexOf(answers, placed);
        var replayed = await member.SendAsync(Place(key));
        Assert.True(replayed.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(order.ToJsonString(), (await replayed.ShouldBe(HttpStatusCode.Created)).ToJsonString());
        Assert.Equal(order.Str("orderNo"), (await member.Json($"/api/orders/{order.Str("id")}")).Str("orderNo"));
    }

    [Fact]
    public async Task A_full_cart_refuses_a_new_product_but_still_adds_to_its_lines()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var member = await app.MemberAsync("13812345678");
        var products = new List<Guid>();
        for (var i = 0; i <= 100; i++) products.Add(await admin.ProductAsync($"文具 {i + 1} 号", 5m, 10));
        foreach (var product in products.Take(100))
            (await member.PostAsJsonAsync("/api/cart/items", new { productId = product, quantity = 1 })).EnsureSuccessStatusCode();

        await (await member.PostAsJsonAsync("/api/cart/items", new { productId = products[100], quantity = 1 })).ShouldFail(HttpStatusCode.UnprocessableEntity, "cart.full");
        Assert.Equal(100, await app.WithDb(db => db.CartItems.CountAsync()));
        Assert.False(await app.WithDb(db => db.CartItems.AnyAsync(c => c.ProductId == products[100])));

        var answer = await (await member.PostAsJsonAsync("/api/cart/items", new { productId = products[0], quantity = 2 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(100, answer["items"]!.AsArray().Count);
        Assert.Equal(3, answer["items"]!.AsArray().Single(l => l.Str("productId") == products[0].ToString())!["quantity"]!.GetValue<int>());
    }

    [Fact]
    public async Task Adds_of_one_product_that_arrive_at_once_all_count()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await app.MemberAsync("13812345678");

        // Six at once while the product is not in the cart yet (one inserts the line, the others add to it), then six more.
        foreach (var round in new[] { 1, 2 })
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => member.PostAsJsonAsync("/api/cart/items", new { productId = earbuds, quantity = 1 })));
            foreach (var r in responses) await r.ShouldBe(HttpStatusCode.OK);
            var line = Assert.Single((await member.Json("/api/cart"))["items"]!.AsArray());
            Assert.Equal(6 * round, line!["quantity"]!.GetValue<int>());
        }
    }
}
