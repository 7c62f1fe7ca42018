using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="MallDb"/> on the configured provider: <c>Database:Provider</c> = <c>sqlite</c>
    /// (default, a file under the data directory) or <c>postgres</c> with <c>ConnectionStrings:Mall</c>.
    /// </summary>
    public static IServiceCollection AddMallDb(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        var provider = (config["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connection = config.GetConnectionString("Mall");
        switch (provider)
        {
            case "sqlite":
                connection ??= $"Data Source={Path.Combine(dataDirectory, "membermall.db")}";
                EnsureSqliteDirectory(connection);
                services.AddDbContextPool<SqliteMallDb>(o => o
                    .UseSqlite(connection, s => s.MigrationsAssembly(typeof(MallDb).Assembly.FullName))
                    .UseSnakeCaseNamingConvention());
                services.AddScoped<MallDb>(sp => sp.GetRequiredService<SqliteMallDb>());
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider=postgres needs ConnectionStrings:Mall.");
                services.AddDbContextPool<PostgresMallDb>(o => o
                    .UseNpgsql(connection)
                    .UseSnakeCaseNamingConvention());
                services.AddScoped<MallDb>(sp => sp.GetRequiredService<PostgresMallDb>());
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use sqlite or postgres).");
        }
        return services;
    }

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
        if (!db.IsPostgres)
        {
            // WAL lets readers go on while one writer commits; busy_timeout waits for the lock instead of failing.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}
