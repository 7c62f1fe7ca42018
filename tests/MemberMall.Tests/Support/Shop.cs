using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Payments;

namespace MemberMall.Tests.Support;

/// <summary>Small builders for the shopping flow, all through the public API.</summary>
public static class Shop
{
    public static async Task<Guid> ProductAsync(this HttpClient staff, string name, decimal price, int stock, Guid? categoryId = null, int lowStock = 0)
    {
        var body = await (await staff.PostAsJsonAsync("/api/admin/products", new { name, price, stock, categoryId, lowStockThreshold = lowStock }))
            .ShouldBe(HttpStatusCode.Created);
        return Guid.Parse(body.Str("id"));
    }

    public static async Task<Guid> CategoryAsync(this HttpClient staff, string name, Guid? parentId = null) =>
        Guid.Parse((await (await staff.PostAsJsonAsync("/api/admin/categories", new { name, parentId })).ShouldBe(HttpStatusCode.Created)).Str("id"));

    public static async Task<Guid> AddressAsync(this HttpClient member) =>
        Guid.Parse((await (await member.PostAsJsonAsync("/api/me/addresses",
            new { name = "张三", phone = "13900001111", province = "上海市", city = "上海市", district = "浦东新区", detail = "世纪大道 100 号" }))
            .ShouldBe(HttpStatusCode.Created)).Str("id"));

    public static async Task<JsonNode> OrderAsync(this HttpClient member, Guid addressId, params (Guid ProductId, int Quantity)[] items)
    {
        var response = await member.PostAsJsonAsync("/api/orders", new
        {
            addressId, paymentMethod = "sandbox", items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }),
        });
        return await response.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A POST of <paramref name="body"/> as JSON with an <c>Idempotency-Key</c>.</summary>
    public static HttpRequestMessage KeyedPost(string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static async Task<JsonNode> StartSandboxAsync(this HttpClient member, string orderId) =>
        await (await member.PostAsJsonAsync($"/api/orders/{orderId}/payments", new { method = "sandbox" })).ShouldBe(HttpStatusCode.OK);

    /// <summary>Plays the gateway: posts a notification signed with the shared secret.</summary>
    public static Task<HttpResponseMessage> NotifyAsync(this HttpClient client, string tradeNo, long totalFee, string? notifyId = null, string? secret = null, string status = "SUCCESS")
    {
        var notice = new SandboxNotice(notifyId ?? "N" + Guid.NewGuid().ToString("N"), tradeNo, totalFee, status, TestClock.DefaultStart, "TX" + Guid.NewGuid().ToString("N")[..12]);
        var body = JsonSerializer.Serialize(notice, SandboxGateway.Json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/callbacks/sandbox") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(SandboxGateway.SignatureHeader, SandboxGateway.Sign(secret ?? MallApp.SandboxSecret, body));
        return client.SendAsync(request);
    }

    /// <summary>Places and pays an order (sandbox, signed callback); returns the paid order.</summary>
    public static async Task<JsonNode> PaidOrderAsync(this MallApp app, HttpClient member, Guid addressId, params (Guid ProductId, int Quantity)[] items)
    {
        var order = await member.OrderAsync(addressId, items);
        var payment = await member.StartSandboxAsync(order.Str("id"));
        var fen = (long)(payment["amount"]!.GetValue<decimal>() * 100);
        await (await app.Anonymous().NotifyAsync(payment.Str("tradeNo"), fen)).ShouldBe(HttpStatusCode.OK);
        return (await member.GetFromJsonAsync<JsonNode>($"/api/orders/{order.Str("id")}"))!;
    }

    /// <summary>A rebate programme: the settlement mode and a 5% rule on everything.</summary>
    public static async Task RebateProgramAsync(this HttpClient admin, string settlement, decimal withdrawMin = 10)
    {
        (await admin.PutAsJsonAsync("/api/admin/rebates/settings", new { settlement, withdrawMin, withdrawFeePercent = 1, withdrawFeeMin = 1 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/admin/rebate-rules", new { name = "全场返 5%", scope = "all", minOrder = 0, percent = 5 })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Lets time pass, signs staff in again (their token expires with the clock) and runs one scheduled job; returns
    /// the new staff client.
    /// </summary>
    public static async Task<HttpClient> RunJobAfterAsync(this MallApp app, TimeSpan wait, string job)
    {
        app.Clock.Advance(wait);
        var admin = await app.AdminAsync();
        (await admin.PostAsync($"/api/admin/jobs/{job}/run", null)).EnsureSuccessStatusCode();
        return admin;
    }

    /// <summary>Staff ship a paid order and mark it delivered.</summary>
    public static async Task DeliverAsync(this HttpClient admin, string orderId, string trackingNo = "SF1")
    {
        (await admin.PostAsJsonAsync($"/api/admin/orders/{orderId}/ship", new { carrier = "顺丰", trackingNo })).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/orders/{orderId}/deliver", null)).EnsureSuccessStatusCode();
    }

    public static async Task<JsonNode> Json(this HttpClient client, string url) => (await client.GetFromJsonAsync<JsonNode>(url))!;

    public static async Task<int> StockAsync(this HttpClient staff, Guid productId) => (await staff.Json($"/api/admin/products/{productId}"))["stock"]!.GetValue<int>();
}
