using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MemberMall.Bench;

/// <summary>Latencies of one benchmark, in milliseconds, and the wall time they took back to back.</summary>
public sealed class Measurement(string name, string request)
{
    private readonly List<double> _ms = [];
    private readonly Stopwatch _wall = new();

    public string Name { get; } = name;
    public string Request { get; } = request;
    public string? Note { get; set; }
    public int Count => _ms.Count;

    /// <summary>Times one call; the wall clock runs only while calls are timed.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        _wall.Start();
        try
        {
            return await call();
        }
        finally
        {
            _wall.Stop();
            _ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();
    public double PerSecond => _ms.Count / _wall.Elapsed.TotalSeconds;
    public double Total => _wall.Elapsed.TotalMilliseconds;

    public static string PlainTable(IReadOnlyList<Measurement> all, double targetP95)
    {
        var width = all.Max(m => m.Name.Length) + 2;
        var sb = new StringBuilder();
        sb.AppendLine($"{"benchmark".PadRight(width)}{"n",6}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}{"req/s",9}  p95 ≤ {targetP95} ms");
        foreach (var m in all)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Name.PadRight(width)}{m.Count,6}{m.Percentile(50),9:F1}{m.Percentile(95),9:F1}{m.Percentile(99),9:F1}{m.Max,9:F1}{m.PerSecond,9:F0}  {(m.Percentile(95) <= targetP95 ? "yes" : "NO")}"));
        return sb.ToString();
    }

    public static string MarkdownTable(IReadOnlyList<Measurement> all)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Benchmark | Request | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | req/s |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var m in all)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Name} | `{m.Request}` | {m.Count} | {m.Percentile(50):F1} | {m.Percentile(95):F1} | {m.Percentile(99):F1} | {m.Max:F1} | {m.PerSecond:F0} |"));
        return sb.ToString();
    }
}
