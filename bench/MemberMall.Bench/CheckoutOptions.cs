using Npgsql;

namespace MemberMall.Bench;

/// <summary>Options of the <c>checkout</c> mode: the load generator for the checkout path and the catalog search.</summary>
public sealed record CheckoutOptions(
    string ConnectionString, int Users, int Seconds, int HistorySeconds, int WarmupSeconds, int SearchClients, int SearchSeconds, int Products, string AdminPassword, string DataDirectory,
    IReadOnlyDictionary<string, string> AppEnvironment)
{
    /// <summary>The shared secret the app verifies gateway notifications with; the benchmark plays the gateway.</summary>
    public const string SandboxSecret = "bench-only-sandbox-secret-0001";

    public const string Usage = """
        usage: MemberMall.Bench checkout <connection-string> [--users 32] [--seconds 30] [--history-seconds 30] [--warmup-seconds 60] [--search-clients 16] [--search-seconds 20]
                                         [--products 200] [--admin-password <password>] [--app-env NAME=VALUE ...]
          The database named in the connection string is DROPPED and created afresh, e.g.
          "Host=127.0.0.1;Port=55434;Username=postgres;Database=membermall_load". Only loopback hosts are accepted.
          --app-env sets an environment variable of the app only (not of the load generator), e.g. a runtime setting to compare.
        """;

    public static CheckoutOptions? Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("MALL_BENCH_PG");
        int users = 32, seconds = 30, history = 30, warmup = 60, searchClients = 16, searchSeconds = 20, products = 200;
        var adminPassword = Environment.GetEnvironmentVariable("MALL_BENCH_ADMIN_PASSWORD") ?? "Bench#2026admin";
        var appEnvironment = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--users": users = int.Parse(Next()); break;
                case "--seconds": seconds = int.Parse(Next()); break;
                case "--history-seconds": history = int.Parse(Next()); break;
                case "--warmup-seconds": warmup = int.Parse(Next()); break;
                case "--search-clients": searchClients = int.Parse(Next()); break;
                case "--search-seconds": searchSeconds = int.Parse(Next()); break;
                case "--products": products = int.Parse(Next()); break;
                case "--admin-password": adminPassword = Next(); break;
                case "--app-env":
                    var pair = Next();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--app-env needs NAME=VALUE, not '{pair}'.");
                    appEnvironment[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "-h" or "--help": return null;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException($"Unknown option {args[i]}.");
                    connection = args[i];
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(connection)) return null;
        // Bounded: a load run is minutes, not hours, and a few hundred connections at most.
        if (users is <= 0 or > 512 || seconds is <= 0 or > 600 || history is < 0 or > 600 || warmup is < 0 or > 600 || searchClients is < 0 or > 512 || searchSeconds is < 0 or > 600 || products is <= 0 or > 5000)
            throw new ArgumentException("--users 1..512, --seconds 1..600, --history-seconds 0..600, --warmup-seconds 0..600, --search-clients 0..512, --search-seconds 0..600, --products 1..5000.");

        var builder = new NpgsqlConnectionStringBuilder(connection);
        var host = builder.Host ?? "";
        if (host is not ("127.0.0.1" or "localhost" or "::1") && !host.StartsWith('/'))
            throw new ArgumentException($"Host '{host}' is not on this machine; use 127.0.0.1 or a local socket directory.");
        if (string.IsNullOrWhiteSpace(builder.Database) || builder.Database is "postgres" or "template0" or "template1")
            throw new ArgumentException("Name a database of its own (it is dropped and recreated), e.g. Database=membermall_load.");

        var data = Path.Combine(Path.GetTempPath(), "membermall-load");
        return new CheckoutOptions(connection, users, seconds, history, warmup, searchClients, searchSeconds, products, adminPassword, data, appEnvironment);
    }

    /// <summary>What <see cref="AppProcess"/> needs; the member-search counts do not apply here.</summary>
    public BenchOptions AsAppOptions() => new(ConnectionString, 0, 0, 0, 0, AdminPassword, DataDirectory);
}
