using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Platform;

public class IdempotencyTests
{
    private static HttpRequestMessage Post(string url, object body, string key) => Shop.KeyedPost(url, body, key);

    [Fact]
    public async Task A_replayed_registration_returns_the_first_answer_and_creates_one_member()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        var body = new { phone = "13812345678", password = "member2026" };

        var first = await client.SendAsync(Post("/api/auth/register", body, "reg-001"));
        var second = await client.SendAsync(Post("/api/auth/register", body, "reg-001"));

        var a = await first.ShouldBe(HttpStatusCode.Created);
        var b = await second.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(a.Str("memberId"), b.Str("memberId"));
        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
        // The record reads back with its times, status and the answer.
        var record = await app.WithDb(db => db.IdempotencyRecords.SingleAsync(r => r.Key == "reg-001"));
        Assert.Equal(app.Clock.GetUtcNow(), record.CreatedAt);
        Assert.Equal(app.Clock.GetUtcNow(), record.CompletedAt);
        Assert.Equal(201, record.StatusCode);
        Assert.Contains(a.Str("memberId"), System.Text.Encoding.UTF8.GetString(record.Body!));
    }

    [Theory]
    [InlineData("/api/auth/login")]
    [InlineData("/api/auth/refresh")]
    public async Task Answers_that_carry_tokens_are_never_stored_and_a_repeat_signs_in_anew(string route)
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345679");
        var client = app.Anonymous();
        var signIn = await (await client.PostAsJsonAsync("/api/auth/login", new { login = "13812345679", password = MallApp.MemberPassword }))
            .ShouldBe(HttpStatusCode.OK);
        object body = route == "/api/auth/login"
            ? new { login = "13812345679", password = MallApp.MemberPassword }
            : new { refreshToken = signIn.Str("refreshToken") };

        var first = await (await client.SendAsync(Post(route, body, "tokens-1"))).ShouldBe(HttpStatusCode.OK);
        var again = await client.SendAsync(Post(route, body, "tokens-1"));

        Assert.False(again.Headers.Contains("Idempotency-Replayed"));
        if (route == "/api/auth/login")
            Assert.NotEqual(first.Str("accessToken"), (await again.ShouldBe(HttpStatusCode.OK)).Str("accessToken"));
        else
            // A refresh token is used up by its first use: the repeat is refused, not handed the first answer's tokens.
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(0, await app.WithDb(db => db.IdempotencyRecords.CountAsync()));
        var stored = await app.WithDb(db => db.AuthSessions.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(stored, s => s.AccessTokenHash == first.Str("accessToken"));
    }

    [Fact]
    public async Task Stored_answers_are_purged_after_the_retention_window()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        await (await client.SendAsync(Post("/api/auth/register", new { phone = "13812345670", password = "member2026" }, "old"))).ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromHours(23));
        await (await client.SendAsync(Post("/api/auth/register", new { phone = "13812345671", password = "member2026" }, "young"))).ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromHours(2));

        var admin = await app.AdminAsync();
        var run = await (await admin.PostAsync("/api/admin/jobs/idempotency.purge/run", null)).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(1, run["processed"]!.GetValue<int>());
        Assert.Equal(["young"], await app.WithDb(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync()));
    }

    [Fact]
    public async Task A_replayed_staff_note_is_written_once()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678");
        var admin = await app.AdminAsync();

        var first = await (await admin.SendAsync(Post($"/api/admin/members/{id}/notes", new { body = "回访" }, "note-1"))).ShouldBe(HttpStatusCode.Created);
        var again = await (await admin.SendAsync(Post($"/api/admin/members/{id}/notes", new { body = "回访" }, "note-1"))).ShouldBe(HttpStatusCode.Created);

        Assert.Equal(first.Str("id"), again.Str("id"));
        Assert.Equal(1, await app.WithDb(db => db.MemberNotes.CountAsync()));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_changes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        await (await client.SendAsync(Post("/api/auth/register", new { phone = "13812345678", password = "member2026" }, "k-1"))).ShouldBe(HttpStatusCode.Created);

        var reused = await client.SendAsync(Post("/api/auth/register", new { phone = "13812345679", password = "member2026" }, "k-1"));

        await reused.ShouldFail(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
    }

    [Fact]
    public async Task A_failed_first_attempt_is_not_stored_so_the_retry_runs_again()
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        await (await client.SendAsync(Post("/api/auth/register", new { phone = "13812345678", password = "weakweak" }, "k-2")))
            .ShouldFail(HttpStatusCode.BadRequest, "account.password_weak");

        Assert.Equal(0, await app.WithDb(db => db.IdempotencyRecords.CountAsync()));
    }

    [Fact]
    public async Task Parallel_repeats_of_one_key_apply_once()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678");
        var admin = await app.AdminAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => admin.SendAsync(Post($"/api/admin/members/{id}/notes", new { body = "并发" }, "same-key"))));

        // On PostgreSQL a repeat waits for the first request's claim and replays its answer; SQLite answers 409 meanwhile.
        var allowed = app.Database.Provider == "postgres" ? new[] { HttpStatusCode.Created } : new[] { HttpStatusCode.Created, HttpStatusCode.Conflict };
        Assert.All(responses, r => Assert.Contains(r.StatusCode, allowed));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(async r => (await r.ShouldBe(HttpStatusCode.Created)).Str("id")));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDb(db => db.MemberNotes.CountAsync()));
    }

    [Fact]
    public async Task Parallel_repeats_of_one_order_place_it_once_and_a_refused_order_leaves_its_key_free()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("蓝牙音箱", 199m, 20);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var body = new { addressId = address, paymentMethod = "sandbox", items = new[] { new { productId = product, quantity = 2 } } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => member.SendAsync(Post("/api/orders", body, "order-key"))));

        var allowed = app.Database.Provider == "postgres" ? new[] { HttpStatusCode.Created } : new[] { HttpStatusCode.Created, HttpStatusCode.Conflict };
        Assert.All(responses, r => Assert.Contains(r.StatusCode, allowed));
        var ids = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(async r => (await r.ShouldBe(HttpStatusCode.Created)).Str("id")));
        Assert.NotEmpty(ids);
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDb(db => db.Orders.CountAsync()));
        Assert.Equal(18, await admin.StockAsync(product));
        Assert.Equal(1, await app.WithDb(db => db.IdempotencyRecords.CountAsync(r => r.Key == "order-key" && r.StatusCode == 201)));

        // Refused before any work (an unknown payment method): no claim is kept, and the key runs again when fixed.
        await (await member.SendAsync(Post("/api/orders", body with { paymentMethod = "cheque" }, "order-key-2")))
            .ShouldFail(HttpStatusCode.BadRequest, "payment.method_invalid");
        Assert.Equal(0, await app.WithDb(db => db.IdempotencyRecords.CountAsync(r => r.Key == "order-key-2")));
        await (await member.SendAsync(Post("/api/orders", body, "order-key-2"))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(16, await admin.StockAsync(product));
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(1, false)]
    public async Task A_claim_left_without_an_answer_is_released_after_ten_minutes(int minutesAgo, bool released)
    {
        await using var app = await MallApp.StartAsync();
        var client = app.Anonymous();
        const string json = """{"phone":"13812345678","password":"member2026"}""";
        HttpRequestMessage Register()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "stale-1");
            return request;
        }
        // What a request that died between its claim and its answer leaves behind: the same request, claimed, never answered.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("/api/auth/register\n" + json)));
        await app.WithDb(async db =>
        {
            db.IdempotencyRecords.Add(new MemberMall.Infrastructure.Idempotency.IdempotencyRecord
            {
                Scope = "anonymous", Key = "stale-1", RequestHash = hash, CreatedAt = app.Clock.GetUtcNow().AddMinutes(-minutesAgo),
            });
            return await db.SaveChangesAsync();
        });

        await (await client.SendAsync(Register())).ShouldFail(HttpStatusCode.Conflict, "idempotency.in_progress");
        var retry = await client.SendAsync(Register());

        if (released)
        {
            await retry.ShouldBe(HttpStatusCode.Created);
            Assert.Equal(1, await app.WithDb(db => db.Members.CountAsync()));
        }
        else
        {
            await retry.ShouldFail(HttpStatusCode.Conflict, "idempotency.in_progress");
            Assert.Equal(0, await app.WithDb(db => db.Members.CountAsync()));
        }
    }
}
