using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Payments;

namespace MemberMall.Bench;

/// <summary>
/// The checkout load generator: N virtual users buy one product after another (cart → preview → order →
/// sandbox payment → signed gateway callback played by this program) for a fixed time, then M clients search
/// the catalog for a fixed time. Every loop is bounded by its deadline; every failure is counted.
/// </summary>
public sealed class CheckoutBench(CheckoutOptions options, Uri baseAddress, int appProcessId, CancellationToken ct)
{
    private Uri _baseAddress = baseAddress;
    private int _appProcessId = appProcessId;

    private static readonly string[] Categories = ["生鲜水果", "粮油调味", "休闲零食", "酒水饮料", "个护清洁", "家居日用", "母婴用品", "数码配件"];
    private static readonly string[][] Nouns =
    [
        ["苹果", "香蕉", "草莓", "猕猴桃", "橙子"], ["大米", "花生油", "酱油", "香醋", "面粉"], ["坚果", "饼干", "牛肉干", "巧克力", "薯片"],
        ["绿茶", "咖啡", "矿泉水", "牛奶", "果汁"], ["洗发水", "牙膏", "沐浴露", "洗衣液", "面巾纸"], ["毛巾", "保温杯", "收纳盒", "拖鞋", "床单"],
        ["纸尿裤", "奶粉", "湿巾", "奶瓶", "围兜"], ["充电器", "数据线", "耳机", "移动电源", "手机壳"],
    ];
    private static readonly string[] Adjectives = ["有机", "进口", "精选", "家庭装", "特级", "新鲜", "经典", "优品"];
    /// <summary>Search terms: nouns (5–8 products each) and adjectives (25 each), both inside product names.</summary>
    private static readonly string[] Keywords = ["苹果", "大米", "坚果", "咖啡", "牙膏", "保温杯", "奶粉", "耳机", "有机", "进口", "精选", "特级"];
    private const string MemberPassword = "Bench#2026member";

    public sealed record CatalogInfo(IReadOnlyList<Guid> Products, IReadOnlyList<Guid> Categories);

    public sealed record CheckoutResult(LoadLog Log, int Users, double Seconds, int Completed, int Verified, TimeSpan SignUp, CpuUse? Cpu);

    public sealed record SearchResult(LoadLog Log, int Clients, double Seconds);

    private SocketsHttpHandler NewHandler() => new() { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 1024 };

    private HttpClient Client(HttpMessageHandler handler, string? token = null)
    {
        var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != status)
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private async Task<string> LoginAsync(HttpClient http, string login, string password) =>
        (await Expect(await http.PostAsJsonAsync("api/auth/login", new { login, password }, ct), HttpStatusCode.OK, $"login {login}", ct))["accessToken"]!
            .GetValue<string>();

    /// <summary>As admin: categories and products with Chinese names, each with a large stock.</summary>
    public async Task<CatalogInfo> CreateCatalogAsync()
    {
        using var handler = NewHandler();
        using var admin = Client(handler, await LoginAsync(Client(handler), "admin", options.AdminPassword));
        var categories = new List<Guid>();
        foreach (var name in Categories)
            categories.Add(Guid.Parse((await Expect(await admin.PostAsJsonAsync("api/admin/categories", new { name }, ct), HttpStatusCode.Created, "category", ct))["id"]!
                .GetValue<string>()));

        // A member shop has a tier ladder: every quote then looks up the member's tier and its prices, and every
        // payment measures the member against the next tier. Shoppers reach gold within their first hundred orders.
        foreach (var tier in new object[]
        {
            new { code = "normal", name = "普通会员", rank = 0, metric = "spend", threshold = 0 },
            new { code = "silver", name = "银卡会员", rank = 1, metric = "spend", threshold = 2_000, pricePercent = 95, pointsMultiplier = 1.5 },
            new { code = "gold", name = "金卡会员", rank = 2, metric = "spend", threshold = 10_000, pricePercent = 90, pointsMultiplier = 2, freeShipping = true },
        })
            await Expect(await admin.PostAsJsonAsync("api/admin/tiers", tier, ct), HttpStatusCode.Created, "tier", ct);

        var random = new Random(7);
        var products = new List<Guid>();
        for (var i = 0; i < options.Products; i++)
        {
            var c = i % Categories.Length;
            var name = $"{Adjectives[i / Categories.Length % Adjectives.Length]}{Nouns[c][i / (Categories.Length * Adjectives.Length) % Nouns[c].Length]} {i + 1}号";
            var price = Math.Round(9.9m + random.Next(0, 2900) / 10m, 1);
            var body = await Expect(await admin.PostAsJsonAsync("api/admin/products",
                new { name, categoryId = categories[c], price, stock = 1_000_000, description = $"{Categories[c]}：{name}", lowStockThreshold = 0 }, ct),
                HttpStatusCode.Created, "product", ct);
            products.Add(Guid.Parse(body["id"]!.GetValue<string>()));
        }
        return new CatalogInfo(products, categories);
    }

    /// <summary>A signed-in virtual user: their access token and delivery address.</summary>
    public sealed record Member(string Token, Guid AddressId);

    private sealed record Shopper(HttpClient Http, Guid AddressId);

    public sealed record SignUpResult(Member[] Members, TimeSpan Elapsed);

    /// <summary>Points the load at another copy of the app (same database), e.g. after a restart.</summary>
    public void Retarget(Uri baseAddress, int appProcessId) => (_baseAddress, _appProcessId) = (baseAddress, appProcessId);

    /// <summary>Registers, signs in and adds an address for each virtual user, all at once.</summary>
    public async Task<SignUpResult> SignUpAsync()
    {
        using var handler = NewHandler();
        // Unique phones per run (the database is fresh, but keep them distinct across runs anyway): 139 + 4 + 4 digits.
        var runTag = (Environment.ProcessId % 10_000).ToString("D4", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var members = await Task.WhenAll(Enumerable.Range(0, options.Users).Select(u => SignUpAsync(handler, u, runTag)));
        return new SignUpResult(members, watch.Elapsed);
    }

    private async Task<Member> SignUpAsync(HttpMessageHandler handler, int user, string runTag)
    {
        using var anonymous = Client(handler);
        var phone = $"139{runTag}{user:D4}";
        await Expect(await anonymous.PostAsJsonAsync("api/auth/register", new { phone, password = MemberPassword, name = $"压测用户{user}" }, ct),
            HttpStatusCode.Created, "register", ct);
        var token = await LoginAsync(anonymous, phone, MemberPassword);
        using var http = Client(handler, token);
        var address = await Expect(await http.PostAsJsonAsync("api/me/addresses",
            new { name = $"压测用户{user}", phone, province = "上海市", city = "上海市", district = "浦东新区", detail = $"世纪大道 {user + 1} 号" }, ct),
            HttpStatusCode.Created, "address", ct);
        return new Member(token, Guid.Parse(address["id"]!.GetValue<string>()));
    }

    /// <summary>The same loop as the measured one, untimed; answers the checkouts completed.</summary>
    public async Task<int> RunUntimedAsync(Member[] members, CatalogInfo catalog, int seconds) => (await LoopAsync(members, catalog, seconds)).Completed;

    /// <summary>The measured checkout load, after the warm-up (<see cref="CheckoutOptions.WarmupSeconds"/>).</summary>
    public async Task<CheckoutResult> RunCheckoutAsync(SignUpResult signUp, CatalogInfo catalog)
    {
        if (options.WarmupSeconds > 0)
        {
            // The same load, untimed: the app's code reaches its optimized tier and its pools fill before measuring.
            var warm = await LoopAsync(signUp.Members, catalog, options.WarmupSeconds);
            Console.WriteLine($"  Warm-up: {warm.Completed:N0} checkouts in {warm.Seconds:F1} s (not counted)");
        }
        var before = CpuUse.Take(_appProcessId);
        var run = await LoopAsync(signUp.Members, catalog, options.Seconds);
        var cpu = CpuUse.Between(before, CpuUse.Take(_appProcessId));
        return new CheckoutResult(run.Log, options.Users, run.Seconds, run.Completed, run.Verified, signUp.Elapsed, cpu);
    }

    private sealed record LoopResult(LoadLog Log, double Seconds, int Completed, int Verified);

    /// <summary>Every virtual user buys in a loop until the time is up.</summary>
    private async Task<LoopResult> LoopAsync(Member[] members, CatalogInfo catalog, int seconds)
    {
        using var handler = NewHandler();
        using var gateway = Client(handler);
        var shoppers = members.Select(m => new Shopper(Client(handler, m.Token), m.AddressId)).ToArray();
        var logs = new LoadLog[shoppers.Length];
        var completed = new int[shoppers.Length];
        var verified = new int[shoppers.Length];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, shoppers.Length).Select(u => Task.Run(async () =>
        {
            var log = logs[u] = new LoadLog();
            var random = new Random(1000 + u + seconds);
            for (var loop = 0; clock.Elapsed < deadline && !ct.IsCancellationRequested; loop++)
            {
                var outcome = await OneCheckoutAsync(shoppers[u], gateway, catalog.Products[random.Next(catalog.Products.Count)], loop % 10 == 9, log);
                if (outcome >= 1) completed[u]++;
                if (outcome == 2) verified[u]++;
            }
        }, ct)));
        foreach (var s in shoppers) s.Http.Dispose();
        return new LoopResult(LoadLog.Merge(logs), clock.Elapsed.TotalSeconds, completed.Sum(), verified.Sum());
    }

    /// <summary>One purchase; 0 = failed (logged), 1 = paid, 2 = paid and GET /api/orders/{id} confirmed it.</summary>
    private async Task<int> OneCheckoutAsync(Shopper shopper, HttpClient gateway, Guid productId, bool verify, LoadLog log)
    {
        var start = Stopwatch.GetTimestamp();
        var step = "cart";
        try
        {
            var t = Stopwatch.GetTimestamp();
            if (!await Step(log, step, HttpStatusCode.OK, shopper.Http.PostAsJsonAsync("api/cart/items", new { productId, quantity = 1 }, ct), t))
                return 0;

            step = "preview";
            t = Stopwatch.GetTimestamp();
            if (!await Step(log, step, HttpStatusCode.OK, shopper.Http.PostAsJsonAsync("api/checkout/preview", new { addressId = shopper.AddressId }, ct), t))
                return await ClearCartAsync(shopper, productId);

            step = "order";
            using var place = new HttpRequestMessage(HttpMethod.Post, "api/orders")
            {
                Content = JsonContent.Create(new { addressId = shopper.AddressId, paymentMethod = "sandbox" }),
            };
            place.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            t = Stopwatch.GetTimestamp();
            if (await Step(log, step, HttpStatusCode.Created, shopper.Http.SendAsync(place, ct), t, o => o.GetProperty("id").GetString()) is not { } orderId)
                return await ClearCartAsync(shopper, productId);

            step = "pay";
            t = Stopwatch.GetTimestamp();
            if (await Step(log, step, HttpStatusCode.OK, shopper.Http.PostAsJsonAsync($"api/orders/{orderId}/payments", new { method = "sandbox" }, ct), t,
                    p => ((string TradeNo, decimal Amount)?)(p.GetProperty("tradeNo").GetString()!, p.GetProperty("amount").GetDecimal())) is not { } payment)
                return 0;

            // The gateway's notification, exactly as the sandbox signs it: JSON of SandboxNotice, HMAC-SHA256 hex of the body.
            step = "callback";
            var fen = (long)Math.Round(payment.Amount * 100);
            var notice = new SandboxNotice("N" + Guid.NewGuid().ToString("N"), payment.TradeNo, fen, "SUCCESS",
                TimeProvider.System.GetUtcNow(), "BENCH" + Guid.NewGuid().ToString("N")[..16]);
            var body = JsonSerializer.Serialize(notice, SandboxGateway.Json);
            using var callback = new HttpRequestMessage(HttpMethod.Post, "api/payments/callbacks/sandbox")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            callback.Headers.Add(SandboxGateway.SignatureHeader, SandboxGateway.Sign(CheckoutOptions.SandboxSecret, body));
            t = Stopwatch.GetTimestamp();
            if (await Step(log, step, HttpStatusCode.OK, gateway.SendAsync(callback, ct), t, Text("result")) is not { } r) return 0;
            if (r != "paid")
            {
                log.Error($"callback: result {r}");
                return 0;
            }
            log.Add("end to end", Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            if (!verify) return 1;
            step = "check";
            t = Stopwatch.GetTimestamp();
            if (await Step(log, step, HttpStatusCode.OK, shopper.Http.GetAsync($"api/orders/{orderId}", ct), t, Text("status")) is not { } status) return 1;
            if (status != "paid")
            {
                log.Error($"check: order status {status}");
                return 1;
            }
            return 2;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or FormatException
            or KeyNotFoundException)
        {
            if (ct.IsCancellationRequested) throw;
            log.Error($"{step}: {e.GetType().Name} {e.Message[..Math.Min(e.Message.Length, 120)]}");
            return 0;
        }
    }

    /// <summary>Takes a product back out of the cart after a failed preview/order, so carts do not grow with failures.</summary>
    private async Task<int> ClearCartAsync(Shopper shopper, Guid productId)
    {
        using var _ = await shopper.Http.DeleteAsync($"api/cart/items/{productId}", ct);
        return 0;
    }

    /// <summary>Times one request from <paramref name="started"/>; logs the latency on the expected status, an error otherwise. The body is read, not parsed.</summary>
    private async Task<bool> Step(LoadLog log, string step, HttpStatusCode expected, Task<HttpResponseMessage> send, long started) =>
        await Step<object>(log, step, expected, send, started, null) is not null;

    /// <summary>
    /// As <see cref="Step(LoadLog, string, HttpStatusCode, Task{HttpResponseMessage}, long)"/>, and answers what <paramref name="read"/>
    /// takes from the JSON answer; null on any other status, or when the answer lacks it.
    /// </summary>
    private async Task<T?> Step<T>(LoadLog log, string step, HttpStatusCode expected, Task<HttpResponseMessage> send, long started, Func<JsonElement, T?>? read)
    {
        using var response = await send;
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != expected)
        {
            log.Error($"{step}: HTTP {(int)response.StatusCode} {ErrorCode(body)}".TrimEnd());
            return default;
        }
        log.Add(step, ms);
        if (read is null) return (T)(object)true;
        using var json = JsonDocument.Parse(body);
        return read(json.RootElement);
    }

    /// <summary>The property <paramref name="name"/> of an answer, as text; null when it is missing.</summary>
    private static Func<JsonElement, string?> Text(string name) => e => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>The stable <c>code</c> of an error answer; empty when the body is not one.</summary>
    private static string ErrorCode(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>M anonymous clients search the catalog back to back: keywords, and every third request also a category and price range.</summary>
    public async Task<SearchResult> RunSearchAsync(CatalogInfo catalog)
    {
        using var handler = NewHandler();
        var logs = new LoadLog[options.SearchClients];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(options.SearchSeconds);
        await Task.WhenAll(Enumerable.Range(0, options.SearchClients).Select(c => Task.Run(async () =>
        {
            var log = logs[c] = new LoadLog();
            using var http = Client(handler);
            var random = new Random(5000 + c);
            for (var i = 0; clock.Elapsed < deadline && !ct.IsCancellationRequested; i++)
            {
                var q = Uri.EscapeDataString(Keywords[random.Next(Keywords.Length)]);
                var filtered = i % 3 == 2;
                var url = filtered
                    ? $"api/products?q={q}&categoryId={catalog.Categories[random.Next(catalog.Categories.Count)]}&minPrice=20&maxPrice=200&page=1"
                    : $"api/products?q={q}&page=1";
                var step = filtered ? "search+filter" : "search";
                try
                {
                    var t = Stopwatch.GetTimestamp();
                    var items = await Step(log, step, HttpStatusCode.OK, http.GetAsync(url, ct), t,
                        p => (int?)(p.TryGetProperty("items", out var a) && a.ValueKind == JsonValueKind.Array ? a.GetArrayLength() : 0));
                    if (items is null) continue;
                    log.Add("all searches", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (!filtered && items == 0) log.Error($"{step}: no items for {Uri.UnescapeDataString(q)}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    if (ct.IsCancellationRequested) throw;
                    log.Error($"{step}: {e.GetType().Name}");
                }
            }
        }, ct)));
        return new SearchResult(LoadLog.Merge(logs), options.SearchClients, clock.Elapsed.TotalSeconds);
    }
}
