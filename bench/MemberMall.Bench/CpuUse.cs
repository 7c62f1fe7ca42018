using System.Diagnostics;
using System.Globalization;

namespace MemberMall.Bench;

/// <summary>
/// Where the machine's CPU went over a stretch of the benchmark, read from Linux's <c>/proc</c>: the app, the
/// local PostgreSQL's processes, this load generator and everything else, plus the idle time. On a shared VM the
/// same work takes a different amount of CPU time from one hour to the next, so a fixed single-core loop timed
/// before and after tells how fast the host was while the figures were taken; the time the hypervisor gave the
/// cores to other guests ("steal" in <c>/proc/stat</c>) is counted too.
/// </summary>
public sealed record CpuUse(double AppSeconds, double PostgresSeconds, double BenchSeconds, double OtherSeconds, double IdleSeconds, double StolenSeconds)
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    /// <summary>CPU seconds per process group at one moment; null where /proc is not there.</summary>
    public sealed record Snapshot(Dictionary<int, (string Group, long Ticks)> Processes, long IdleTicks, long StolenTicks);

    public static Snapshot? Take(int appProcessId)
    {
        if (!Directory.Exists("/proc")) return null;
        var processes = new Dictionary<int, (string, long)>();
        var self = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var command = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                // After the command: state is field 0, utime 11, stime 12 (man 5 proc, fields 14 and 15).
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var group = pid == appProcessId ? "app" : pid == self ? "bench" : command == "postgres" ? "postgres" : "other";
                processes[pid] = (group, ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var idle = long.Parse(cpu[4], CultureInfo.InvariantCulture) + long.Parse(cpu[5], CultureInfo.InvariantCulture); // idle + iowait
        var stolen = cpu.Length > 8 ? long.Parse(cpu[8], CultureInfo.InvariantCulture) : 0;
        return new Snapshot(processes, idle, stolen);
    }

    /// <summary>The CPU each group used between two snapshots; processes that started or ended in between count with what they used in it.</summary>
    public static CpuUse? Between(Snapshot? before, Snapshot? after)
    {
        if (before is null || after is null) return null;
        var used = new Dictionary<string, long> { ["app"] = 0, ["postgres"] = 0, ["bench"] = 0, ["other"] = 0 };
        foreach (var (pid, (group, ticks)) in after.Processes)
            used[group] += ticks - (before.Processes.TryGetValue(pid, out var b) ? b.Ticks : 0);
        return new CpuUse(used["app"] / TicksPerSecond, used["postgres"] / TicksPerSecond, used["bench"] / TicksPerSecond, used["other"] / TicksPerSecond,
            (after.IdleTicks - before.IdleTicks) / TicksPerSecond, (after.StolenTicks - before.StolenTicks) / TicksPerSecond);
    }

    /// <summary>"app 5.8 ms, PostgreSQL 4.9 ms, …" per unit of work (one completed checkout).</summary>
    public string PerUnit(int units) => units <= 0 ? "no work done" : string.Create(CultureInfo.InvariantCulture,
        $"app {AppSeconds * 1000 / units:F2} ms, PostgreSQL {PostgresSeconds * 1000 / units:F2} ms, load generator {BenchSeconds * 1000 / units:F2} ms, " +
        $"other processes {OtherSeconds * 1000 / units:F2} ms; together {(AppSeconds + PostgresSeconds + BenchSeconds + OtherSeconds) * 1000 / units:F2} ms; " +
        $"cores idle {IdleSeconds:F1} s, taken by the hypervisor {StolenSeconds:F1} s");

    /// <summary>
    /// A fixed amount of single-threaded integer work, timed (best of three): the same on every run, so a slower
    /// time means a busier host.
    /// </summary>
    public static double HostLoopMilliseconds()
    {
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            ulong x = 88172645463325252UL;
            for (var i = 0; i < 200_000_000; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }
            watch.Stop();
            GC.KeepAlive(x); // the result is used, so the loop stays
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    /// <summary>
    /// Nanoseconds per step of a random walk over 64 MB (best of three): each step waits for memory, so this shows a
    /// neighbour that crowds the shared caches and memory bus, which the integer loop above barely notices.
    /// </summary>
    public static double HostMemoryNanoseconds()
    {
        const int Slots = 16 << 20; // 16 Mi ints = 64 MB, well past the caches
        const int Steps = 10_000_000;
        var next = new int[Slots];
        for (var i = 0; i < Slots; i++) next[i] = i;
        var random = new Random(42);
        for (var i = Slots - 1; i > 0; i--) // Sattolo: one cycle through every slot, so the walk never settles in a small loop
        {
            var j = random.Next(i);
            (next[i], next[j]) = (next[j], next[i]);
        }
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var at = 0;
            var watch = Stopwatch.StartNew();
            for (var step = 0; step < Steps; step++) at = next[at];
            watch.Stop();
            GC.KeepAlive(at);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds * 1_000_000 / Steps);
        }
        return best;
    }
}
