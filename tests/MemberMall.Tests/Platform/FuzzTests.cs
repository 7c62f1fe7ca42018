using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MemberMall.Tests.Platform;

/// <summary>
/// Thousands of generated requests against every API route, shaped by each route's own parameters and body type and
/// filled with hostile values: extremes of every number, dates at the ends of the calendar, NUL characters, long
/// texts, formulas, wrong types, unknown names, real and made-up ids. No answer may be a 5xx, and a refused request
/// (any 4xx) may not leave a row behind. The seed is fixed so a failure repeats; <c>MALL_FUZZ_SEED</c> and
/// <c>MALL_FUZZ_REQUESTS</c> explore further.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    // Tables a refused request may write by design: the idempotency record keeps the first answer, refused ones too,
    // so a repeat gets the same refusal.
    private static readonly HashSet<string> WrittenWhenRefused = ["idempotency_records"];

    [Fact]
    public async Task Generated_requests_never_get_a_5xx_and_a_refused_request_writes_nothing()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("MALL_FUZZ_SEED") ?? "20261207", CultureInfo.InvariantCulture);
        var count = int.Parse(Environment.GetEnvironmentVariable("MALL_FUZZ_REQUESTS") ?? "3000", CultureInfo.InvariantCulture);
        await using var app = await MallApp.StartAsync();
        var values = new Values(new Random(seed), await KnownIdsAsync(app));
        var callers = await Callers.StartAsync(app);
        var routes = Routes(app);
        Assert.True(routes.Count > 80, $"Only {routes.Count} routes were found.");

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        await using var counter = await RowCounter.OpenAsync(app);
        for (var i = 0; i < count && failures.Count < 20; i++)
        {
            var route = routes[values.Random.Next(routes.Count)];
            using var request = values.Request(route);
            var client = await callers.ForAsync(route.Path, values.Random);
            var before = await counter.CountAsync();
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var what = $"#{i} {request.Method} {request.RequestUri} {values.LastBody}";
            if (status >= 500)
                failures.Add($"{what}\n  answered {status}: {await response.Content.ReadAsStringAsync()}");
            else if (status >= 400)
            {
                var after = await counter.CountAsync();
                var written = after.Where(t => !WrittenWhenRefused.Contains(t.Key) && before.GetValueOrDefault(t.Key) != t.Value)
                    .Select(t => $"{t.Key} {before.GetValueOrDefault(t.Key)} → {t.Value}").ToList();
                if (written.Count > 0) failures.Add($"{what}\n  answered {status} and left rows behind: {string.Join(", ", written)}");
            }
            if (status == 401 && route.Who != "anyone") await callers.SignInAgainAsync();
        }

        output.WriteLine($"seed {seed}, {count} requests over {routes.Count} routes: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n", failures));
        // The generator reaches past the front door: a good share is accepted, and validation refuses a good share.
        Assert.True(statuses.Where(s => s.Key < 300).Sum(s => s.Value) > count / 20, "Too few requests were accepted: " + string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > count / 10, "Too few requests were refused as bad input: " + string.Join(", ", statuses));
    }

    /// <summary>One route as the API explorer describes it: its parameters and body type.</summary>
    private sealed record Route(string Method, string Path, string Who, IReadOnlyList<ApiParameterDescription> Query,
        IReadOnlyList<ApiParameterDescription> PathParameters, Type? Body);

    private static List<Route> Routes(MallApp app) => app.Service(sp =>
        sp.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true && d.HttpMethod is not null)
            .Select(d => new Route(d.HttpMethod!, "/" + d.RelativePath!.TrimEnd('/'),
                d.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).LastOrDefault() ?? "anyone",
                d.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).ToList(),
                d.ParameterDescriptions.Where(p => p.Source == BindingSource.Path).ToList(),
                d.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type))
            .ToList());

    /// <summary>A small shop with a member, a paid order, an after-sales request and a mall item, so ids in routes can be real.</summary>
    private static async Task<List<Guid>> KnownIdsAsync(MallApp app)
    {
        var admin = await app.AdminAsync();
        var category = await admin.CategoryAsync("数码");
        var product = await admin.ProductAsync("蓝牙耳机", 99m, 100, category);
        await admin.ProductAsync("机械键盘", 299m, 100, category);
        await admin.RebateProgramAsync("monthly");
        (await admin.PostAsJsonAsync("/api/admin/tiers", new { code = "gold", name = "黄金", rank = 1, threshold = 1000, metric = "spend", pricePercent = 95 })).Dispose();
        (await admin.PostAsJsonAsync("/api/admin/points-mall/items", new { name = "抱枕", points = 100, stock = 10, physical = true })).Dispose();
        var member = await app.MemberAsync("13812345678", "张三");
        var address = await member.AddressAsync();
        var paid = await app.PaidOrderAsync(member, address, (product, 2));
        await member.OrderAsync(address, (product, 1));
        var line = paid["items"]!.AsArray()[0]!.Str("id");
        (await member.PostAsJsonAsync($"/api/orders/{paid.Str("id")}/after-sales", new { type = "refund", items = new[] { new { orderItemId = line, quantity = 1 } }, reason = "不要了" })).Dispose();

        return await app.WithDb(async db =>
        {
            var ids = new List<Guid>();
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindPrimaryKey()?.Properties is [{ ClrType: var t }] && t == typeof(Guid)))
            {
                var connection = db.Database.GetDbConnection();
                if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
                command.CommandText = $"SELECT \"{key}\" FROM \"{entity.GetTableName()}\" LIMIT 20";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) ids.Add(reader.GetValue(0) switch { Guid g => g, string s => Guid.Parse(s), byte[] b => new Guid(b), var o => Guid.Parse(o.ToString()!) });
            }
            return ids;
        });
    }

    /// <summary>The signed-in clients the fuzzer speaks through, signed in again when a generated request ended their session.</summary>
    private sealed class Callers(MallApp app)
    {
        private HttpClient _admin = null!, _member = null!;

        public static async Task<Callers> StartAsync(MallApp app)
        {
            var callers = new Callers(app);
            await callers.SignInAgainAsync();
            return callers;
        }

        public async Task SignInAgainAsync()
        {
            _admin = await app.AdminAsync();
            _member = await app.SignInAsync("13812345678");
        }

        public Task<HttpClient> ForAsync(string path, Random random) => Task.FromResult(random.Next(20) == 0 ? app.Anonymous()
            : path.StartsWith("/api/admin", StringComparison.Ordinal) ? (random.Next(10) == 0 ? _member : _admin)
            : random.Next(10) == 0 ? _admin : _member);
    }

    /// <summary>Counts the rows of every table in one statement.</summary>
    private sealed class RowCounter(AsyncServiceScope scope, DbConnection connection, string[] tables) : IAsyncDisposable
    {
        public static async Task<RowCounter> OpenAsync(MallApp app)
        {
            var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MallDb>();
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order().ToArray();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            return new RowCounter(scope, connection, tables);
        }

        public async Task<Dictionary<string, long>> CountAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT count(*) FROM \"{t}\")"));
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return tables.Select((t, i) => (t, Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))).ToDictionary(x => x.t, x => x.Item2);
        }

        public async ValueTask DisposeAsync()
        {
            await connection.CloseAsync();
            await scope.DisposeAsync();
        }
    }

    /// <summary>The generator: values drawn from pools of ordinary and hostile ones, shaped by the declared types.</summary>
    private sealed class Values(Random random, List<Guid> ids)
    {
        public Random Random { get; } = random;
        public string LastBody { get; private set; } = "";

        private static readonly string[] Texts =
        [
            "", " ", "a", "张三", "无线蓝牙耳机", "13812345678", "someone@example.com", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-1", "@x",
            "\u0000", "a\u0000b", "<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "\"", "\\", "%", "_", "😀", "\t\r\n",
            new string('x', 101), new string('长', 600), new string('x', 12_000), "sandbox", "cod", "bank_transfer", "refund", "return", "exchange",
            "all", "category", "product", "monthly", "instant", "spend", "points", "male", "female", "unknown", "pending", "paid", "shipped",
            "succeeded", "admin", "operations", "finance", "csv", "xlsx", "-registeredAt", "totalSpend", "price", "-price", "sales", "newest",
            "2026-12", "9999-12", "0001-01", "2026-13", "true", "null", "NaN", "1e400", "eyJrZXkiOjl9", "eyJLZXkiOi05MjIzMzcyMDM2ODU0Nzc1ODA4LCJObyI6IngifQ",
        ];

        private static readonly string[] Numbers =
        [
            "0", "1", "-1", "2", "5", "10", "99", "100", "999", "1000", "100000", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "100000000000000000", "1e18", "1e308", "0.001", "19.999", "0.5", "-0.01", "12.34", "3.14159",
        ];

        private static readonly string[] Instants =
        [
            "2026-12-07T08:00:00Z", "2020-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1899-12-31T23:59:59Z",
            "3000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday",
        ];

        private static readonly string[] Days = ["2026-12-07", "1990-05-01", "0001-01-01", "9999-12-31", "2000-02-29", "2026-02-30", "1899-12-31"];

        // Plain values an ordinary client sends: in a gentle request most fields take one, so that the request gets past
        // validation and one hostile value reaches the rules behind it.
        private static readonly string[] PlainTexts = ["张三", "sandbox", "refund", "all", "spend", "monthly", "male", "13912345678", "蓝牙", "ok"];
        private static readonly string[] PlainNumbers = ["1", "2", "5", "10", "100"];
        private bool _gentle;

        private T Pick<T>(IReadOnlyList<T> pool) => pool[Random.Next(pool.Count)];

        private bool Hostile => !_gentle || Chance(8);

        private bool Chance(int oneIn) => Random.Next(oneIn) == 0;

        private string Id() => Random.Next(10) switch
        {
            < 7 when ids.Count > 0 => Pick(ids).ToString(),
            7 => Guid.NewGuid().ToString(),
            8 => Guid.Empty.ToString(),
            _ => Pick(Texts),
        };

        public HttpRequestMessage Request(Route route)
        {
            _gentle = Chance(2);
            var path = route.Path;
            // A NUL in a path never reaches the app: the server refuses to decode it.
            foreach (var p in route.PathParameters)
                path = System.Text.RegularExpressions.Regex.Replace(path, $"\\{{{p.Name}(:[^}}]*)?\\}}",
                    Uri.EscapeDataString((p.Type == typeof(Guid) ? Id() : Pick(Texts)).Replace("\u0000", "") is { Length: > 0 } t ? t : "x"));
            var query = route.Query.Where(_ => Chance(2)).Select(p => $"{Uri.EscapeDataString(JsonName(p.Name))}={Uri.EscapeDataString(QueryValue(p.Type))}");
            if (Chance(20)) query = query.Append($"{Pick(Texts)}={Uri.EscapeDataString(Pick(Texts))}");
            var url = path + (query.Any() ? "?" + string.Join('&', query) : "");
            var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
            LastBody = "";
            if (route.Body is { } body || route.Method is "POST" or "PUT" or "PATCH" && Chance(3))
            {
                LastBody = (_gentle ? 30 : Random.Next(30)) switch
                {
                    0 => "{\"a\":",
                    1 => "[]",
                    2 => "\"text\"",
                    3 => "null",
                    _ => route.Body is null ? "{}" : Json(route.Body, 0)?.ToJsonString() ?? "null",
                };
                request.Content = new StringContent(LastBody, Encoding.UTF8, !_gentle && Chance(40) ? "text/plain" : "application/json");
            }
            if (Chance(4)) request.Headers.TryAddWithoutValidation("Idempotency-Key", Chance(10) ? new string('k', 300) : Guid.NewGuid().ToString());
            if (Chance(10)) request.Headers.TryAddWithoutValidation("Accept-Language", Pick(["en", "zh-CN", "xx-YY", "*;q=abc", "en;q=0.5,zh"]));
            if (Chance(10)) request.Headers.TryAddWithoutValidation("X-Device-Id", Pick(Texts).Replace("\u0000", "").Replace("\r", "").Replace("\n", ""));
            return request;
        }

        private string QueryValue(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (Chance(8)) return Pick(Texts);
            if (type == typeof(Guid)) return Id();
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return Pick(Instants);
            if (type == typeof(DateOnly)) return Pick(Days);
            if (type == typeof(bool)) return Chance(2) ? "true" : "false";
            if (type.IsEnum) return EnumName(type);
            if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double)) return Pick(Numbers);
            return Pick(Texts);
        }

        private string EnumName(Type type)
        {
            var names = Enum.GetNames(type);
            return Random.Next(4) switch { 0 => Pick(names), 1 => JsonNamingPolicy.CamelCase.ConvertName(Pick(names)), 2 => JsonNamingPolicy.SnakeCaseLower.ConvertName(Pick(names)), _ => Pick(Numbers) };
        }

        private JsonNode? Json(Type type, int depth)
        {
            if (Hostile && Chance(25)) return Wrong();
            var inner = Nullable.GetUnderlyingType(type);
            if (inner is not null) return Hostile && Chance(6) ? null : Json(inner, depth);
            type = inner ?? type;
            if (type == typeof(string)) return !Hostile ? Pick(PlainTexts) : Chance(12) ? null : Pick(Texts);
            if (type == typeof(Guid)) return Id();
            if (type == typeof(bool)) return Chance(2);
            if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return Pick(Instants);
            if (type == typeof(DateOnly)) return Pick(Days);
            if (type.IsEnum) return !Hostile ? JsonNamingPolicy.CamelCase.ConvertName(Pick(Enum.GetNames(type))) : Chance(5) ? JsonNode.Parse(Pick(Numbers)) : EnumName(type);
            if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) || type == typeof(short))
                return JsonNode.Parse(Pick(Hostile ? Numbers : PlainNumbers));
            if (type != typeof(string) && type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } list)
            {
                var item = list.GetGenericArguments()[0];
                var n = !Hostile ? Random.Next(1, 3) : Random.Next(12) switch { 0 => 200, < 4 => 0, _ => Random.Next(1, 4) };
                var array = new JsonArray();
                for (var i = 0; i < n && depth < 4; i++) array.Add(Json(item, depth + 1));
                return array;
            }
            if (depth > 4) return null;
            var obj = new JsonObject();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.DeclaringType!.GetConstructors().Any()))
                if (!(Hostile && Chance(7))) obj[JsonName(property.Name)] = Json(property.PropertyType, depth + 1);
            if (Hostile && Chance(15)) obj[Pick(Texts)] = Pick(Texts);
            return obj;
        }

        private JsonNode? Wrong() => Random.Next(5) switch
        {
            0 => null,
            1 => JsonNode.Parse(Pick(Numbers)),
            2 => Pick(Texts),
            3 => new JsonArray(Pick(Texts), JsonNode.Parse(Pick(Numbers))),
            _ => new JsonObject { ["x"] = Pick(Texts) },
        };

        private static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
    }
}
