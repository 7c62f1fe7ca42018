using Npgsql;

namespace MemberMall.Bench;

public sealed record BenchOptions(string ConnectionString, int Members, int Iterations, int Warmup, int DeepPages, string AdminPassword, string DataDirectory)
{
    public const string Usage = """
        usage: MemberMall.Bench [connection-string] [--members 1000000] [--iterations 200] [--warmup 20] [--pages 500]
                                [--admin-password <password>]
          The connection string may also come from MALL_BENCH_PG, e.g.
          "Host=127.0.0.1;Port=55433;Username=postgres;Database=membermall_bench". Only loopback hosts are accepted.
        """;

    /// <summary>Parses the arguments, or prints what is wrong and the usage and returns null.</summary>
    public static BenchOptions? ParseOrExplain(string[] args, string usage)
    {
        try
        {
            if (Parse(args) is { } options) return options;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
        }
        Console.Error.WriteLine(usage);
        return null;
    }

    public static BenchOptions? Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("MALL_BENCH_PG");
        int members = 1_000_000, iterations = 200, warmup = 20, pages = 500;
        var adminPassword = Environment.GetEnvironmentVariable("MALL_BENCH_ADMIN_PASSWORD") ?? "Bench#2026admin";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--members": members = int.Parse(Next()); break;
                case "--iterations": iterations = int.Parse(Next()); break;
                case "--warmup": warmup = int.Parse(Next()); break;
                case "--pages": pages = int.Parse(Next()); break;
                case "--admin-password": adminPassword = Next(); break;
                case "-h" or "--help": return null;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"Unknown option {args[i]}.");
                    connection = args[i];
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(connection)) return null;
        if (members <= 0 || iterations <= 0 || warmup < 0 || pages <= 0)
            throw new ArgumentException("Counts must be positive.");

        // The benchmark loads a server hard; it is meant for a database on this machine only.
        var host = new NpgsqlConnectionStringBuilder(connection).Host ?? "";
        if (host is not ("127.0.0.1" or "localhost" or "::1") && !host.StartsWith('/'))
            throw new ArgumentException($"Host '{host}' is not on this machine; use 127.0.0.1 or a local socket directory.");

        var data = Path.Combine(Path.GetTempPath(), "membermall-bench");
        return new BenchOptions(connection, members, iterations, warmup, pages, adminPassword, data);
    }
}
