using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using MemberMall.Bench;
using MemberMall.Features.Demo;

// Admin member search at a million members, through HTTP against the real app on PostgreSQL.
// See bench/README.md for what each benchmark measures.
// `checkout <connection string>` runs the checkout and catalog search load instead (CheckoutMode);
// `loyalty <connection string>` the points expiry and rebate settlement jobs over the whole base (LoyaltyMode).
const double TargetP95 = 50;

if (args.Length > 0 && args[0] == "checkout")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await CheckoutMode.RunAsync(args[1..], stop.Token);
}

if (args.Length > 0 && args[0] == "loyalty")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    return await LoyaltyMode.RunAsync(args[1..], stop.Token);
}

var options = BenchOptions.ParseOrExplain(args, BenchOptions.Usage);
if (options is null) return 2;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

var environment = new List<string>
{
    $"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB RAM, {RuntimeInformation.OSDescription}",
    $".NET: {RuntimeInformation.FrameworkDescription}, app build {typeof(SeedSequence).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration}",
};
Console.WriteLine("MemberMall benchmark: admin member search");
foreach (var line in environment) Console.WriteLine("  " + line);

var existing = await Database.MembersAsync(options.ConnectionString, ct);
string seedLine;
if (existing < options.Members)
{
    var missing = (int)(options.Members - existing);
    Console.WriteLine($"\nSeeding {missing:N0} members ({existing:N0} present) with `MemberMall seed`:");
    var watch = Stopwatch.StartNew();
    var (exit, summary) = await AppProcess.SeedAsync(options, missing, append: existing > 0, ct);
    if (exit != 0)
    {
        Console.Error.WriteLine($"The seed command failed with exit code {exit}.");
        return 1;
    }
    seedLine = $"Seed: {missing:N0} members in {watch.Elapsed.TotalSeconds:F1} s wall time of the seed command " +
               $"({missing / watch.Elapsed.TotalSeconds:N0} members/s including start-up and migrations); the seeder's own report: " +
               (summary is null ? "(not found)" : summary[(summary.IndexOf(':') + 2)..]);
}
else
{
    seedLine = $"Seed: skipped, the database already has {existing:N0} members";
}
Console.WriteLine(seedLine);

var vacuum = await Database.VacuumAsync(options.ConnectionString, ct);
var members = await Database.MembersAsync(options.ConnectionString, ct);
environment.Add(await Database.DescribeAsync(options.ConnectionString, ct));
environment.Add($"{members:N0} members; VACUUM (ANALYZE) before measuring took {vacuum.TotalSeconds:F1} s");
Console.WriteLine("  " + environment[^2]);
Console.WriteLine("  " + environment[^1]);

List<Measurement> results;
await using (var app = await AppProcess.StartAsync(options, ct))
{
    Console.WriteLine($"\nApp started at {app.BaseAddress} (log: {app.LogFile}); {options.Warmup} warm-up + {options.Iterations} timed requests each, one at a time:");
    using var api = await AdminApi.SignInAsync(app.BaseAddress, options.AdminPassword, ct);
    // Sequence numbers below the target were seeded by this benchmark (fresh database) or an earlier run of it.
    results = await new Scenarios(api, options, Math.Min(members, options.Members), ct).RunAllAsync();
}

Console.WriteLine();
Console.WriteLine(Measurement.PlainTable(results, TargetP95));
foreach (var m in results.Where(m => m.Note is not null)) Console.WriteLine($"  {m.Name}: {m.Note}");

Console.WriteLine("\n--- markdown ---\n");
Console.WriteLine(Measurement.MarkdownTable(results));
foreach (var line in environment.Append(seedLine)) Console.WriteLine($"- {line}");
Console.WriteLine($"- Command: `dotnet run -c Release --project bench/MemberMall.Bench -- \"<connection string>\"` " +
                  $"({options.Warmup} warm-up + {options.Iterations} timed requests per row, one at a time over one keep-alive connection)");
return results.Any(m => m.Note is { } note && !note.StartsWith("page ", StringComparison.Ordinal)) ? 1 : 0;

static string CpuModel()
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
