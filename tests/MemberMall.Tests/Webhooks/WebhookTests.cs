using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Webhooks;

public class WebhookTests
{
    private static readonly Dictionary<string, string?> FastRetries = new() { ["Webhooks:RetryBaseSeconds"] = "0" };

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient admin, string url, params string[] events)
    {
        var body = await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { url, events, description = "test" })).ShouldBe(HttpStatusCode.Created);
        return (body["webhook"].Str("id"), body.Str("secret"));
    }

    private static async Task DispatchAsync(HttpClient admin) =>
        await (await admin.PostAsync("/api/admin/jobs/outbox.dispatch/run", null)).ShouldBe(HttpStatusCode.OK);

    /// <summary>Verifies as a receiver following the Standard Webhooks scheme would.</summary>
    private static bool Verifies(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatureHeader.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    [Fact]
    public async Task A_delivery_is_signed_by_the_published_scheme_and_a_changed_byte_fails_verification()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (_, secret) = await SubscribeAsync(admin, receiver.Url, "member.created");
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
        var (memberId, _) = await app.RegisterAsync(phone: "13800000001");

        await DispatchAsync(admin);

        var request = Assert.Single(receiver.Requests);
        var envelope = JsonNode.Parse(request.Body)!;
        Assert.Equal(request.Id, envelope.Str("id"));
        Assert.Equal("member.created", envelope.Str("type"));
        Assert.Equal(memberId.ToString(), envelope["data"].Str("memberId"));
        Assert.NotNull(envelope["createdAt"]);
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), request.Timestamp);
        Assert.True(Verifies(secret, request.Id, request.Timestamp, request.Body, request.Signature));

        var bytes = Encoding.UTF8.GetBytes(request.Body);
        bytes[bytes.Length / 2] ^= 1;
        Assert.False(Verifies(secret, request.Id, request.Timestamp, Encoding.UTF8.GetString(bytes), request.Signature));
        Assert.False(Verifies(secret, request.Id, (long.Parse(request.Timestamp) + 1).ToString(), request.Body, request.Signature));
        Assert.False(Verifies("whsec_" + Convert.ToBase64String(new byte[32]), request.Id, request.Timestamp, request.Body, request.Signature));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_event_once_after_and_the_log_shows_four_attempts()
    {
        await using var receiver = await Receiver.StartAsync((n, _) => n <= 3 ? 500 : 200);
        await using var app = await MallApp.StartAsync(FastRetries);
        var admin = await app.AdminAsync();
        var (hookId, _) = await SubscribeAsync(admin, receiver.Url, "member.created");
        await app.RegisterAsync(phone: "13800000002");

        for (var pass = 0; pass < 6; pass++) await DispatchAsync(admin);

        Assert.Equal([500, 500, 500, 200], receiver.Requests.Select(r => r.Answered));
        Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        var log = (await admin.Json($"/api/admin/webhooks/{hookId}/deliveries")).AsArray();
        var delivery = Assert.Single(log)!;
        Assert.Equal("succeeded", delivery.Str("status"));
        Assert.Equal(4, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(200, delivery["responseStatus"]!.GetValue<int>());
        Assert.Equal("ok", delivery.Str("responseExcerpt"));
        Assert.Equal(receiver.Requests[0].Id, delivery.Str("id"));
    }

    [Fact]
    public async Task Retries_wait_by_the_schedule_and_keep_their_id_and_the_answer_excerpt_is_cut_at_500()
    {
        await using var receiver = await Receiver.StartAsync((n, _) => n == 1 ? 503 : 200);
        await using var app = await MallApp.StartAsync(new() { ["Webhooks:RetryBaseSeconds"] = "60" });
        var admin = await app.AdminAsync();
        var (hookId, _) = await SubscribeAsync(admin, receiver.Url, "member.created");
        await app.RegisterAsync(phone: "13800000003");

        await DispatchAsync(admin);
        var failed = (await admin.Json($"/api/admin/webhooks/{hookId}/deliveries"))[0]!;
        Assert.Equal("pending", failed.Str("status"));
        Assert.Equal(500, failed.Str("responseExcerpt").Length);
        await DispatchAsync(admin);
        Assert.Single(receiver.Requests);

        app.Clock.Advance(TimeSpan.FromSeconds(73)); // 60 s ± 20 %
        await DispatchAsync(admin);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Id, receiver.Requests[1].Id);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
    }

    [Fact]
    public async Task A_members_events_arrive_in_order_and_a_failing_one_holds_the_later_ones()
    {
        await using var receiver = await Receiver.StartAsync((n, _) => n == 1 ? 500 : 200);
        await using var app = await MallApp.StartAsync(FastRetries);
        var admin = await app.AdminAsync();
        await SubscribeAsync(admin, receiver.Url, "order.created", "order.paid", "order.shipped", "member.updated");
        var product = await admin.ProductAsync("茶杯", 20m, 10);
        var member = await app.MemberAsync("13800000004");
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
        (await member.PatchAsJsonAsync("/api/me", new { name = "新名字" })).EnsureSuccessStatusCode();

        await DispatchAsync(admin);
        Assert.Equal(["order.created"], receiver.Requests.Select(Type));

        await DispatchAsync(admin);
        Assert.Equal(["order.created", "order.created", "order.paid", "member.updated"], receiver.Requests.Select(Type));
        Assert.Equal(order.Str("id"), JsonNode.Parse(receiver.Requests[2].Body)!["data"].Str("orderId"));
    }

    private static string Type(Receiver.Request r) => JsonNode.Parse(r.Body)!.Str("type");

    [Fact]
    public async Task Two_dispatch_passes_at_once_deliver_each_event_once()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await SubscribeAsync(admin, receiver.Url, "member.created");
        await SubscribeAsync(admin, receiver.Url, "member.created");
        for (var i = 0; i < 15; i++) await app.RegisterAsync(phone: $"139000000{i:00}");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DispatchAsync(admin)));
        await DispatchAsync(admin);

        Assert.Equal(30, receiver.Requests.Count);
        Assert.Equal(30, receiver.Requests.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_private_or_plain_http_url_is_refused_when_private_addresses_are_not_allowed()
    {
        await using var app = await MallApp.StartAsync(new() { ["Webhooks:AllowPrivateAddresses"] = "false" });
        var admin = await app.AdminAsync();
        async Task Refused(string url, string code) =>
            await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { url, events = new[] { "order.paid" } })).ShouldFail(HttpStatusCode.BadRequest, code);

        await Refused("http://example.com/hook", "webhook.url_not_https");
        await Refused("https://127.0.0.1/hook", "webhook.url_not_allowed");
        await Refused("https://10.1.2.3/hook", "webhook.url_not_allowed");
        await Refused("https://169.254.169.254/latest/meta-data", "webhook.url_not_allowed");
        await Refused("https://[::1]/hook", "webhook.url_not_allowed");
        await Refused("https://localhost/hook", "webhook.url_not_allowed");
        await Refused("ftp://example.com/hook", "webhook.url_invalid");
        Assert.Empty((await admin.Json("/api/admin/webhooks")).AsArray());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_code_and_nothing_is_written()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { url = "https://example.com/h", events = new[] { "order.exploded" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "webhook.event_unknown");
        await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { url = "https://example.com/h", events = Array.Empty<string>() }))
            .ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { url = "not a url", events = new[] { "order.paid" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "webhook.url_invalid");
        await (await admin.PostAsJsonAsync("/api/admin/webhooks", new { events = new[] { "order.paid" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        Assert.Empty((await admin.Json("/api/admin/webhooks")).AsArray());
        await (await admin.PatchAsJsonAsync($"/api/admin/webhooks/{Guid.NewGuid()}", new { description = "x" })).ShouldFail(HttpStatusCode.NotFound, "webhook.not_found");
        await (await admin.PostAsync($"/api/admin/webhook-deliveries/{Guid.NewGuid()}/resend", null)).ShouldFail(HttpStatusCode.NotFound, "webhook_delivery.not_found");

        var (id, _) = await SubscribeAsync(admin, "https://example.com/h", "order.paid");
        await (await admin.PatchAsJsonAsync($"/api/admin/webhooks/{id}", new { events = new[] { "nope" } })).ShouldFail(HttpStatusCode.BadRequest, "webhook.event_unknown");
        await (await admin.PatchAsJsonAsync($"/api/admin/webhooks/{id}", new { enabled = false })).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostAsync($"/api/admin/webhooks/{id}/ping", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "webhook.disabled");
        var hook = (await admin.Json("/api/admin/webhooks"))[0]!;
        Assert.Equal(["order.paid"], hook["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("disabled", hook.Str("status"));
        Assert.Null(hook["secret"]);

        var operations = await app.StaffAsync("operations");
        (await operations.GetAsync("/api/admin/webhooks")).StatusCode.ShouldEqual(HttpStatusCode.Forbidden);
        await (await admin.DeleteAsync($"/api/admin/webhooks/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Empty((await admin.Json("/api/admin/webhooks")).AsArray());
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_a_ping_until_the_overlap_ends()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (id, oldSecret) = await SubscribeAsync(admin, receiver.Url, "order.paid");
        var rotated = await (await admin.PostAsync($"/api/admin/webhooks/{id}/rotate-secret", null)).ShouldBe(HttpStatusCode.OK);
        var newSecret = rotated.Str("secret");
        Assert.NotEqual(oldSecret, newSecret);

        var ping = await (await admin.PostAsync($"/api/admin/webhooks/{id}/ping", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("succeeded", ping.Str("status"));
        var first = Assert.Single(receiver.Requests);
        Assert.Equal("webhook.ping", JsonNode.Parse(first.Body).Str("type"));
        Assert.Equal(2, first.Signature.Split(' ').Length);
        Assert.True(Verifies(oldSecret, first.Id, first.Timestamp, first.Body, first.Signature));
        Assert.True(Verifies(newSecret, first.Id, first.Timestamp, first.Body, first.Signature));

        app.Clock.Advance(TimeSpan.FromHours(25));
        admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/admin/webhook-deliveries/{ping.Str("id")}/resend", null)).ShouldBe(HttpStatusCode.Accepted);
        await DispatchAsync(admin);
        var second = receiver.Requests[1];
        Assert.Equal(first.Id, second.Id);
        Assert.False(Verifies(oldSecret, second.Id, second.Timestamp, second.Body, second.Signature));
        Assert.True(Verifies(newSecret, second.Id, second.Timestamp, second.Body, second.Signature));
    }

    [Fact]
    public async Task An_endpoint_failing_without_pause_past_the_limit_is_disabled_with_an_alert()
    {
        await using var receiver = await Receiver.StartAsync((_, _) => 500);
        await using var app = await MallApp.StartAsync(new() { ["Webhooks:RetryBaseSeconds"] = "0", ["Webhooks:DisableAfterHours"] = "1" });
        var admin = await app.AdminAsync();
        var (id, _) = await SubscribeAsync(admin, receiver.Url, "member.created");
        await app.RegisterAsync(phone: "13800000005");
        await DispatchAsync(admin);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await DispatchAsync(admin);

        var hook = (await admin.Json("/api/admin/webhooks"))[0]!;
        Assert.Equal("disabled", hook.Str("status"));
        Assert.True(await app.WithDb(db => Task.FromResult(db.OutboxMessages.Any(m => m.Type == "webhook.endpoint_disabled" && m.AggregateId == id))));
        var sent = receiver.Requests.Count;
        await DispatchAsync(admin);
        Assert.Equal(sent, receiver.Requests.Count);
    }
}

internal static class StatusAssertions
{
    public static void ShouldEqual(this HttpStatusCode actual, HttpStatusCode expected) => Assert.Equal(expected, actual);
}
