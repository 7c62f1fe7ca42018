using System.Globalization;
using System.Text;

namespace MemberMall.Bench;

/// <summary>
/// Latencies (ms) per step and error counts of one load client. Each virtual user keeps its own log, so
/// nothing is shared while the load runs; the logs are merged afterwards.
/// </summary>
public sealed class LoadLog
{
    private readonly Dictionary<string, List<double>> _ms = [];
    private readonly Dictionary<string, int> _errors = [];

    public void Add(string step, double ms)
    {
        if (!_ms.TryGetValue(step, out var list)) _ms[step] = list = [];
        list.Add(ms);
    }

    public void Error(string what) => _errors[what] = _errors.GetValueOrDefault(what) + 1;

    public IReadOnlyDictionary<string, int> Errors => _errors;
    public int ErrorCount => _errors.Values.Sum();
    public int Count(string step) => _ms.TryGetValue(step, out var list) ? list.Count : 0;

    public static LoadLog Merge(IEnumerable<LoadLog> logs)
    {
        var all = new LoadLog();
        foreach (var log in logs)
        {
            foreach (var (step, list) in log._ms)
                foreach (var ms in list) all.Add(step, ms);
            foreach (var (what, n) in log._errors) all._errors[what] = all._errors.GetValueOrDefault(what) + n;
        }
        return all;
    }

    public double Percentile(string step, double p)
    {
        if (!_ms.TryGetValue(step, out var list) || list.Count == 0) return double.NaN;
        var sorted = list.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Max(string step) => _ms.TryGetValue(step, out var list) && list.Count > 0 ? list.Max() : double.NaN;
    public double Mean(string step) => _ms.TryGetValue(step, out var list) && list.Count > 0 ? list.Average() : double.NaN;

    /// <summary>One markdown row: name, request, n, p50/p95/p99/max and the rate over <paramref name="seconds"/>.</summary>
    public string Row(string name, string step, string request, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | `{request}` | {Count(step)} | {Percentile(step, 50):F1} | {Percentile(step, 95):F1} | {Percentile(step, 99):F1} | {Max(step):F1} | {Count(step) / seconds:F1} |");

    public string ErrorLines()
    {
        if (_errors.Count == 0) return "  (none)";
        var sb = new StringBuilder();
        foreach (var (what, n) in _errors.OrderByDescending(e => e.Value)) sb.AppendLine($"  {n,7}  {what}");
        return sb.ToString().TrimEnd();
    }
}
