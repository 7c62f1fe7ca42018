using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure.Caching;
using Npgsql;

namespace MemberMall.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="MallDb"/> on the configured provider: <c>Database:Provider</c> = <c>sqlite</c>
    /// (default, a file under the data directory) or <c>postgres</c> with <c>ConnectionStrings:Mall</c>.
    /// </summary>
    public static IServiceCollection AddMallDb(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        services.AddSingleton<SessionCache>();
        services.AddSingleton<Features.Tiers.MemberTierCache>();
        services.AddSingleton<CacheEviction>();
        services.AddSingleton<CacheEvictionSaveInterceptor>();
        services.AddSingleton<CacheEvictionTransactionInterceptor>();
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connection = config.GetConnectionString("Mall");
        switch (provider)
        {
            case "sqlite":
                connection ??= $"Data Source={Path.Combine(dataDirectory, "membermall.db")}";
                EnsureSqliteDirectory(connection);
                services.AddDbContextPool<SqliteMallDb>((sp, o) => o
                    .AddInterceptors(Interceptors(sp))
                    .UseSqlite(connection, s => s.MigrationsAssembly(typeof(MallDb).Assembly.FullName))
                    .UseSnakeCaseNamingConvention());
                services.AddScoped<MallDb>(sp => sp.GetRequiredService<SqliteMallDb>());
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:Mall.");
                var tuned = TunePostgres(connection);
                services.AddDbContextPool<PostgresMallDb>((sp, o) => o
                    .AddInterceptors(Interceptors(sp))
                    .UseNpgsql(tuned)
                    .UseSnakeCaseNamingConvention());
                services.AddScoped<MallDb>(sp => sp.GetRequiredService<PostgresMallDb>());
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use sqlite or postgres).");
        }
        return services;
    }

    /// <summary>
    /// Pooled PostgreSQL connections keep what they prepared: a connection going back to the pool is not reset
    /// with <c>DISCARD ALL</c> (the app changes session settings only with <c>SET LOCAL</c>, inside a transaction),
    /// and statements the app runs again and again are prepared once per connection and then only bound and
    /// executed. The pool holds at most four connections per core (8 to 100): PostgreSQL runs a process per
    /// connection, and past a few busy ones per core they only take turns on the processor and on its lock tables,
    /// so a request is better off waiting for a pooled connection. Settings written in the connection string win.
    /// </summary>
    public static string TunePostgres(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        if (!Names(connection, "maximumpoolsize") && !Names(connection, "maxpoolsize"))
            builder.MaxPoolSize = Math.Clamp(4 * Environment.ProcessorCount, 8, 100);
        if (!Names(connection, "noresetonclose")) builder.NoResetOnClose = true;
        if (builder.MaxAutoPrepare == 0 && !Names(connection, "maxautoprepare")) builder.MaxAutoPrepare = 256;
        if (!Names(connection, "autoprepareminusages")) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>What every context of the pool runs around its saves: the cache eviction of changed accounts and tiers.</summary>
    private static Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] Interceptors(IServiceProvider sp) =>
        [sp.GetRequiredService<CacheEvictionSaveInterceptor>(), sp.GetRequiredService<CacheEvictionTransactionInterceptor>()];

    private static bool Names(string connection, string key) =>
        connection.Replace(" ", "", StringComparison.Ordinal).Contains(key + "=", StringComparison.OrdinalIgnoreCase);

    private static void EnsureSqliteDirectory(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir) && file != ":memory:") Directory.CreateDirectory(dir);
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; busy_timeout waits for the lock instead of failing.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}
