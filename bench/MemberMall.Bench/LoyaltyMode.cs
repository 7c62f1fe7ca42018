using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace MemberMall.Bench;

/// <summary>
/// <c>MemberMall.Bench loyalty &lt;connection-string&gt;</c>: the points expiry job and the monthly rebate settlement run
/// over the whole member base (a million members, ten million points entries), each started through the admin API
/// against the real app on PostgreSQL, timed, with the app's memory sampled while it runs. See bench/README.md.
/// </summary>
public static class LoyaltyMode
{
    private const double TargetSeconds = 60;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = BenchOptions.ParseOrExplain(args, BenchOptions.Usage.Replace("MemberMall.Bench [", "MemberMall.Bench loyalty [", StringComparison.Ordinal));
        if (options is null) return 2;

        Console.WriteLine("MemberMall benchmark: points expiry and rebate settlement over the member base");
        var environment = new List<string>
        {
            $"Machine: {Environment.ProcessorCount} cores ({CheckoutMode.CpuModel()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB RAM, {RuntimeInformation.OSDescription}; .NET {Environment.Version}",
        };
        var now = TimeProvider.System.GetUtcNow();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(now, shanghai);
        var monthStart = new DateTime(local.Year, local.Month, 1).AddMonths(-1);
        var lastMonth = new DateTimeOffset(monthStart, shanghai.GetUtcOffset(monthStart)).ToUniversalTime();
        // The jobs consume what they process: a copy of the seeded database, kept beside it, lets the next run start again at once.
        var target = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString).Database!;
        var pristine = target + "_loyalty_seed";
        string seedLine;
        LoyaltySeed.Counts seeded;
        if (await Database.ExistsAsync(options.ConnectionString, pristine, ct))
        {
            var copy = Stopwatch.StartNew();
            await Database.CopyAsync(options.ConnectionString, pristine, target, ct);
            seeded = await LoyaltySeed.CountAsync(options.ConnectionString, now, ct);
            seedLine = $"Loyalty data copied from {pristine} in {copy.Elapsed.TotalSeconds:F0} s: ";
        }
        else
        {
            var existing = await Database.MembersAsync(options.ConnectionString, ct);
            if (existing < options.Members)
            {
                Console.WriteLine($"  Seeding {options.Members - existing:N0} members with `MemberMall seed` …");
                var (exit, _) = await AppProcess.SeedAsync(options, (int)(options.Members - existing), append: existing > 0, ct);
                if (exit != 0) return 1;
            }
            Console.WriteLine("  Writing the loyalty history (server-side SQL):");
            (seeded, var seedTook) = await LoyaltySeed.WriteAsync(options.ConnectionString, now, lastMonth, ct);
            seedLine = $"Loyalty data written in {seedTook.TotalSeconds:F0} s (server-side SQL): ";
            await Database.CopyAsync(options.ConnectionString, target, pristine, ct);
        }
        seedLine += $"{seeded.Members:N0} members, {seeded.PointsEntries:N0} points entries, {seeded.Lots:N0} lots ({seeded.DueLots:N0} past their expiry), " +
                    $"{seeded.Draws:N0} lot draws; {seeded.Accruals:N0} held rebate accruals of {seeded.SettlingMembers:N0} members with {seeded.RebateEntries:N0} rebate entries";
        Console.WriteLine("  " + seedLine);
        environment.Add(await Database.DescribeAsync(options.ConnectionString, ct));
        Console.WriteLine("  " + environment[^1]);

        var results = new List<(string Job, int Processed, TimeSpan Took, long RssBeforeMb, long RssPeakMb)>();
        await using (var app = await AppProcess.StartAsync(options, ct, new Dictionary<string, string> { ["Jobs__Enabled"] = "false" }))
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
            var login = await http.PostAsJsonAsync("api/auth/login", new { login = "admin", password = options.AdminPassword }, ct);
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonNode>(ct))!["accessToken"]!.GetValue<string>();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.PutAsJsonAsync("api/admin/rebates/settings", new { settlement = "monthly", withdrawMin = 10, withdrawFeePercent = 1, withdrawFeeMin = 1 }, ct))
                .EnsureSuccessStatusCode();

            foreach (var job in new[] { "points.expire", "rebates.settle" })
            {
                Console.WriteLine($"  Running {job} …");
                var before = Rss(app.ProcessId, "VmRSS");
                var peak = before;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, Rss(app.ProcessId, "VmRSS"));
                        try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
                    }
                }, CancellationToken.None);
                var watch = Stopwatch.StartNew();
                var response = await http.PostAsync($"api/admin/jobs/{job}/run", null, ct);
                var took = watch.Elapsed;
                await sampling.CancelAsync();
                await sampler;
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"{job} answered {(int)response.StatusCode}: {body}; see {app.LogFile}");
                    return 1;
                }
                var processed = JsonNode.Parse(body)!["processed"]!.GetValue<int>();
                results.Add((job, processed, took, before / 1024, peak / 1024));
                Console.WriteLine($"    {processed:N0} processed in {took.TotalSeconds:F1} s; app RSS {before / 1024:N0} MB before, {peak / 1024:N0} MB at most while it ran");
            }
        }
        var verified = await LoyaltySeed.VerifyAsync(options.ConnectionString, now, seeded, ct);
        Console.WriteLine("  " + verified);

        Console.WriteLine("\n--- markdown ---\n");
        Console.WriteLine("| Job | Processed | Time (s) | Rows/s | App RSS before (MB) | App RSS peak during (MB) |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|");
        foreach (var r in results)
            Console.WriteLine($"| `{r.Job}` | {r.Processed:N0} | {r.Took.TotalSeconds:F1} | {r.Processed / r.Took.TotalSeconds:N0} | {r.RssBeforeMb:N0} | {r.RssPeakMb:N0} |");
        foreach (var line in environment.Append(seedLine).Append(verified)) Console.WriteLine($"- {line}");
        Console.WriteLine("- Command: `dotnet run -c Release --project bench/MemberMall.Bench -- loyalty \"<connection string>\"`");
        var met = results.All(r => r.Took.TotalSeconds < TargetSeconds) && verified.StartsWith("verified", StringComparison.Ordinal);
        Console.WriteLine($"- Target: each job under {TargetSeconds} s with flat memory: {(met ? "met" : "NOT met")}");
        return verified.StartsWith("verified", StringComparison.Ordinal) ? 0 : 1;
    }

    /// <summary>A line of /proc/&lt;pid&gt;/status in kB (VmRSS now, VmHWM the peak so far).</summary>
    private static long Rss(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
