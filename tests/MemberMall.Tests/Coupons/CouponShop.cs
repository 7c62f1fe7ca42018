using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Coupons;

/// <summary>Builders for coupon tests, all through the public API.</summary>
public static class CouponShop
{
    /// <summary>Creates a coupon template (valid for 30 days unless the body says otherwise) and publishes it.</summary>
    public static async Task<Guid> CouponAsync(this HttpClient staff, object body, bool publish = true)
    {
        var created = await (await staff.PostAsJsonAsync("/api/admin/coupons", body)).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        if (publish) await (await staff.PostAsync($"/api/admin/coupons/{id}/publish", null)).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public static async Task<Guid> ClaimAsync(this HttpClient member, Guid couponId) =>
        Guid.Parse((await (await member.PostAsync($"/api/coupons/{couponId}/claims", null)).ShouldBe(HttpStatusCode.Created)).Str("memberCouponId"));

    public static Task<HttpResponseMessage> PreviewAsync(this HttpClient member, Guid addressId, Guid[] couponIds, params (Guid ProductId, int Quantity)[] items) =>
        member.PostAsJsonAsync("/api/checkout/preview", new { addressId, couponIds, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) });

    public static Task<HttpResponseMessage> PlaceAsync(this HttpClient member, Guid addressId, Guid[] couponIds, params (Guid ProductId, int Quantity)[] items) =>
        member.PostAsJsonAsync("/api/orders", new
        {
            addressId, couponIds, paymentMethod = "sandbox", items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }),
        });

    public static async Task<JsonNode> PayAsync(this MallApp app, HttpClient member, string orderId)
    {
        var payment = await member.StartSandboxAsync(orderId);
        var fen = (long)(payment["amount"]!.GetValue<decimal>() * 100);
        await (await app.Anonymous().NotifyAsync(payment.Str("tradeNo"), fen)).ShouldBe(HttpStatusCode.OK);
        return await member.Json($"/api/orders/{orderId}");
    }

    public static async Task<JsonArray> MyCouponsAsync(this HttpClient member, string? status = null) =>
        (await member.Json("/api/me/coupons" + (status is null ? "" : "?status=" + status))).AsArray();

    public static decimal Dec(this JsonNode? node, string name) => node![name]!.GetValue<decimal>();

    public static JsonNode Line(this JsonNode quote, Guid productId) =>
        quote[quote["lines"] is not null ? "lines" : "items"]!.AsArray().Single(l => l!.Str("productId") == productId.ToString())!;

    public static IEnumerable<JsonNode> Adjustments(this JsonNode quote, string kind) =>
        quote["adjustments"]!.AsArray().Where(a => a!.Str("kind") == kind).Select(a => a!);
}
