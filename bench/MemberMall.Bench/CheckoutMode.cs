using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MemberMall.Bench;

/// <summary>
/// <c>MemberMall.Bench checkout &lt;connection-string&gt;</c>: a fresh database, the app with the sandbox gateway
/// waiting for signed callbacks, a catalog, then the checkout load and the catalog search load. See bench/README.md.
/// </summary>
public static class CheckoutMode
{
    private static readonly (string Step, string Name, string Request)[] Steps =
    [
        ("cart", "cart", "POST /api/cart/items"),
        ("preview", "preview", "POST /api/checkout/preview"),
        ("order", "order", "POST /api/orders (Idempotency-Key)"),
        ("pay", "pay", "POST /api/orders/{id}/payments"),
        ("callback", "callback", "POST /api/payments/callbacks/sandbox"),
        ("end to end", "**checkout end to end**", "cart → callback \"paid\""),
        ("check", "check (every 10th)", "GET /api/orders/{id}"),
    ];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        CheckoutOptions? options;
        try
        {
            options = CheckoutOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            options = null;
        }
        if (options is null)
        {
            Console.Error.WriteLine(CheckoutOptions.Usage);
            return 2;
        }

        Console.WriteLine("MemberMall load benchmark: checkout and catalog search");
        var environment = new List<string>
        {
            $"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB RAM, {RuntimeInformation.OSDescription}; .NET {Environment.Version}",
            $"Load average before the run: {LoadAverage()}",
        };
        var loopBefore = CpuUse.HostLoopMilliseconds();
        var memoryBefore = CpuUse.HostMemoryNanoseconds();

        Console.WriteLine("  Recreating the database …");
        await Database.RecreateAsync(options.ConnectionString, ct);
        var extra = new Dictionary<string, string>
        {
            ["Payments__Sandbox__Enabled"] = "true",
            ["Payments__Sandbox__AutoConfirm"] = "false",
            ["Payments__Sandbox__Secret"] = CheckoutOptions.SandboxSecret,
            ["Jobs__Enabled"] = "false",
            ["RateLimits__Login__PermitLimit"] = "100000",
        };
        foreach (var (name, value) in options.AppEnvironment) extra[name] = value;
        CheckoutBench.CheckoutResult checkout;
        CheckoutBench.SearchResult search;
        var startWatch = Stopwatch.StartNew();
        var app = await AppProcess.StartAsync(options.AsAppOptions(), ct, extra);
        try
        {
            Console.WriteLine($"  App started at {app.BaseAddress} in {startWatch.Elapsed.TotalSeconds:F1} s (migrations included; log: {app.LogFile})");
            var bench = new CheckoutBench(options, app.BaseAddress, app.ProcessId, ct);
            var watch = Stopwatch.StartNew();
            var catalog = await bench.CreateCatalogAsync();
            Console.WriteLine($"  Catalog: a 3-tier member ladder, {catalog.Categories.Count} categories, {catalog.Products.Count} products in {watch.Elapsed.TotalSeconds:F1} s");
            var signUp = await bench.SignUpAsync();
            Console.WriteLine($"  {options.Users} members registered, signed in and with an address in {signUp.Elapsed.TotalSeconds:F1} s");

            if (options.HistorySeconds > 0)
            {
                // A shop runs on tables that have rows and statistics. PostgreSQL plans a prepared statement for the
                // data it sees when the statement is first run and keeps weighing later plans against those first
                // ones, so statements first prepared on empty tables misjudge a full shop until their connection goes.
                // History first, then fresh statistics, then a new app process whose connections prepare everything anew.
                watch.Restart();
                var history = await bench.RunUntimedAsync(signUp.Members, catalog, options.HistorySeconds);
                await app.DisposeAsync();
                var vacuum = await Database.VacuumAnalyzeAsync(options.ConnectionString, ct);
                startWatch.Restart();
                app = await AppProcess.StartAsync(options.AsAppOptions(), ct, extra);
                bench.Retarget(app.BaseAddress, app.ProcessId);
                Console.WriteLine($"  History: {history:N0} checkouts in {options.HistorySeconds} s (not counted), VACUUM (ANALYZE) in {vacuum.TotalSeconds:F1} s, " +
                                  $"app restarted in {startWatch.Elapsed.TotalSeconds:F1} s");
            }
            environment.Add(await Database.DescribeAsync(options.ConnectionString, ct));
            Console.WriteLine("  " + environment[^1]);

            Console.WriteLine($"  Checkout: {options.Users} virtual users for {options.Seconds} s …");
            checkout = await bench.RunCheckoutAsync(signUp, catalog);
            Console.WriteLine($"  Search: {options.SearchClients} clients for {options.SearchSeconds} s …");
            search = options.SearchClients > 0 && options.SearchSeconds > 0
                ? await bench.RunSearchAsync(catalog)
                : new CheckoutBench.SearchResult(new LoadLog(), 0, 0);
            environment.Add($"Load average after the run: {LoadAverage()}");
            environment.Add(string.Create(CultureInfo.InvariantCulture,
                $"Host speed: a fixed single-core loop took {loopBefore:F0} ms before the run and {CpuUse.HostLoopMilliseconds():F0} ms after it; " +
                $"a random walk over 64 MB {memoryBefore:F0} and {CpuUse.HostMemoryNanoseconds():F0} ns per step (best of three; more means a busier host)"));
            environment.Add("Orders in the database afterwards: " + await Database.OrderSummaryAsync(options.ConnectionString, ct));
        }
        finally
        {
            await app.DisposeAsync();
        }

        var report = Report(options, checkout, search, environment);
        Console.WriteLine();
        Console.WriteLine(report);
        return checkout.Completed > 0 ? 0 : 1;
    }

    private static string Report(CheckoutOptions options, CheckoutBench.CheckoutResult c, CheckoutBench.SearchResult s, List<string> environment)
    {
        var log = c.Log;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"Checkout: {c.Completed:N0} completed in {c.Seconds:F1} s = {c.Completed / c.Seconds:F1} checkouts/s at {c.Users} virtual users " +
                           $"(target ≥ 200/s, p95 < 250 ms: {(c.Completed / c.Seconds >= 200 && log.Percentile("end to end", 95) < 250 ? "met" : "NOT met")}); " +
                           $"{c.Verified:N0} of {log.Count("check") + log.Errors.Where(e => e.Key.StartsWith("check", StringComparison.Ordinal)).Sum(e => e.Value):N0} checks saw status paid; " +
                           $"{log.ErrorCount:N0} errors; sign-up of all users took {c.SignUp.TotalSeconds:F1} s (not timed in the table)");
        sb.AppendLine("Checkout errors:");
        sb.AppendLine(log.ErrorLines());
        if (s.Clients > 0)
        {
            var n = s.Log.Count("all searches");
            sb.AppendLine(inv, $"Search: {n:N0} answered in {s.Seconds:F1} s = {n / s.Seconds:F0} req/s at {s.Clients} clients " +
                               $"(target ≥ 2,000 req/s, p95 < 20 ms: {(n / s.Seconds >= 2000 && s.Log.Percentile("all searches", 95) < 20 ? "met" : "NOT met")}); {s.Log.ErrorCount:N0} errors");
            sb.AppendLine("Search errors:");
            sb.AppendLine(s.Log.ErrorLines());
        }

        sb.AppendLine("\n--- markdown ---\n");
        sb.AppendLine("| Step | Request | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | per s |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (step, name, request) in Steps) sb.AppendLine(log.Row(name, step, request, c.Seconds));
        if (s.Clients > 0)
        {
            sb.AppendLine(s.Log.Row("search (keyword)", "search", "GET /api/products?q=<关键词>&page=1", s.Seconds));
            sb.AppendLine(s.Log.Row("search (keyword + category + price)", "search+filter", "…&categoryId=&minPrice=20&maxPrice=200", s.Seconds));
            sb.AppendLine(s.Log.Row("**search, all**", "all searches", "GET /api/products", s.Seconds));
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"- Checkout: {c.Users} virtual users, {c.Seconds:F1} s: **{c.Completed / c.Seconds:F1} completed checkouts/s** ({c.Completed:N0}), " +
                           $"{log.ErrorCount:N0} errors{(log.ErrorCount == 0 ? "" : " (" + string.Join("; ", log.Errors.Select(e => $"{e.Key} ×{e.Value}")) + ")")}");
        if (c.Cpu is { } cpu)
            sb.AppendLine(inv, $"- CPU per completed checkout over the measured {c.Seconds:F0} s (from /proc): {cpu.PerUnit(c.Completed)}");
        if (s.Clients > 0)
            sb.AppendLine(inv, $"- Search: {s.Clients} clients, {s.Seconds:F1} s: **{s.Log.Count("all searches") / s.Seconds:F0} req/s**, {s.Log.ErrorCount:N0} errors");
        foreach (var line in environment) sb.AppendLine($"- {line}");
        sb.AppendLine($"- Command: `dotnet run -c Release --project bench/MemberMall.Bench -- checkout \"<connection string>\" --users {options.Users} " +
                      $"--seconds {options.Seconds} --history-seconds {options.HistorySeconds} --warmup-seconds {options.WarmupSeconds} --search-clients {options.SearchClients} --search-seconds {options.SearchSeconds}" +
                      string.Concat(options.AppEnvironment.Select(e => $" --app-env {e.Key}={e.Value}")) + "`");
        return sb.ToString();
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1/5/15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    internal static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
