using System.Text.Json.Nodes;
using MemberMall.Features.Demo;

namespace MemberMall.Bench;

/// <summary>
/// The admin member searches that must stay fast at a million members. Each runs sequentially (one request
/// at a time, so the figures are latencies, not a load test): warm-up calls first, then the timed ones.
/// </summary>
public sealed class Scenarios(AdminApi api, BenchOptions options, long seeded, CancellationToken ct)
{
    // A common surname and a common first character of the given name: about a thousand members per million.
    private static readonly string[] NamePrefixes = ["王芳", "李伟", "张敏", "刘洋", "陈静", "杨欣", "王浩", "李娜", "张伟", "刘婷"];
    private const string CommonTag = "VIP";
    private const string RareTag = "企业采购";

    public async Task<List<Measurement>> RunAllAsync()
    {
        var random = new Random(2026);
        var numbers = Enumerable.Range(0, options.Warmup + options.Iterations).Select(_ => random.NextInt64(0, seeded)).ToArray();
        var all = new List<Measurement>
        {
            await RepeatAsync("(a) exact phone", "?q=<phone>", i => $"?q={SeedSequence.Phone(numbers[i])}",
                page => page["items"]!.AsArray().Count == 1, "phones not found"),
            await RepeatAsync("(b) name prefix", "?q=王芳", i => $"?q={Uri.EscapeDataString(NamePrefixes[i % NamePrefixes.Length])}",
                page => page["items"]!.AsArray().Count > 0, "prefixes without matches"),
            await RepeatAsync("(c) common tag by spend", $"?tag={CommonTag}&sort=-totalSpend", _ => $"?tag={CommonTag}&sort=-totalSpend",
                page => IsTaggedBySpend(page, CommonTag), "pages out of order"),
            await RepeatAsync("(c) rare tag by spend", $"?tag={RareTag}&sort=-totalSpend", _ => $"?tag={Uri.EscapeDataString(RareTag)}&sort=-totalSpend",
                page => IsTaggedBySpend(page, RareTag), "pages out of order"),
            await CursorChainAsync(),
            await RepeatAsync($"(d) offset page {options.DeepPages}", $"?page={options.DeepPages}&pageSize=20",
                _ => $"?page={options.DeepPages}&pageSize=20", page => page["items"]!.AsArray().Count == 20, "short pages"),
            await RepeatAsync("(e) first page", "(no filter)", _ => "", page => page["items"]!.AsArray().Count == 20, "short pages"),
        };
        return all;
    }

    private async Task<Measurement> RepeatAsync(string name, string request, Func<int, string> query, Func<JsonNode, bool> check, string problem)
    {
        Console.Write($"  {name} …");
        for (var i = 0; i < options.Warmup; i++) await api.ListAsync(query(i), ct);
        var m = new Measurement(name, request);
        var bad = 0;
        for (var i = 0; i < options.Iterations; i++)
        {
            var page = await m.TimeAsync(() => api.ListAsync(query(options.Warmup + i), ct));
            if (!check(page)) bad++;
        }
        if (bad > 0) m.Note = $"{bad} of {options.Iterations} {problem}";
        Console.WriteLine($" p95 {m.Percentile(95):F1} ms{(m.Note is null ? "" : $" ({m.Note})")}");
        return m;
    }

    /// <summary>Follows <c>nextCursor</c> from the first page to page N; every page is one timed request.</summary>
    private async Task<Measurement> CursorChainAsync()
    {
        var name = $"(d) cursor to page {options.DeepPages}";
        Console.Write($"  {name} …");
        string? cursor = null;
        for (var i = 0; i < options.Warmup; i++)
            cursor = (await api.ListAsync(Page(cursor), ct))["nextCursor"]?.GetValue<string>();

        var m = new Measurement(name, "?pageSize=20&cursor=<nextCursor>");
        cursor = null;
        for (var page = 1; page <= options.DeepPages; page++)
        {
            var body = await m.TimeAsync(() => api.ListAsync(Page(cursor), ct));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null && page < options.DeepPages)
            {
                m.Note = $"the cursor ran out at page {page}";
                break;
            }
        }
        m.Note ??= $"page {options.DeepPages} reached in {m.Total / 1000:F2} s";
        Console.WriteLine($" p95 {m.Percentile(95):F1} ms ({m.Note})");
        return m;

        static string Page(string? cursor) => cursor is null ? "?pageSize=20" : $"?pageSize=20&cursor={cursor}";
    }

    private static bool IsTaggedBySpend(JsonNode page, string tag)
    {
        var items = page["items"]!.AsArray().Select(i => i!).ToList();
        var spends = items.Select(i => i["totalSpend"]!.GetValue<decimal>()).ToList();
        return items.Count > 0 && spends.SequenceEqual(spends.OrderDescending())
            && items.All(i => i["tags"]!.AsArray().Any(t => t!.GetValue<string>() == tag));
    }
}
