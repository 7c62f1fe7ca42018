using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MemberMall.Tests.Support;

/// <summary>
/// A fresh database for one test: a copy of a migrated template, so a test starts in milliseconds.
/// <c>MALL_TEST_DB=postgres</c> with <c>MALL_TEST_PG</c> (a connection string to a server the test may
/// create databases on) selects PostgreSQL; otherwise SQLite files in a temporary folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static bool IsPostgres => Environment.GetEnvironmentVariable("MALL_TEST_DB") is "postgres";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public string Provider { get; }
    public string ConnectionString { get; }
    public string DataDirectory { get; }
    private readonly string? _pgName;

    private TestDatabase(string provider, string connection, string dataDirectory, string? pgName)
    {
        (Provider, ConnectionString, DataDirectory, _pgName) = (provider, connection, dataDirectory, pgName);
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "membermall-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var template = await TemplateAsync();
        if (!IsPostgres)
        {
            var file = Path.Combine(dir, "mall.db");
            File.Copy(template, file);
            return new TestDatabase("sqlite", $"Data Source={file}", dir, null);
        }
        var name = "mm_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(ServerConnection()))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase("postgres", Database(name), dir, name);
    }

    private static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            return _template ??= IsPostgres ? await PostgresTemplateAsync() : await SqliteTemplateAsync();
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "membermall-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "template.db");
        var options = new DbContextOptionsBuilder<SqliteMallDb>().UseSqlite($"Data Source={file};Pooling=false").UseSnakeCaseNamingConvention().Options;
        await using var db = new SqliteMallDb(options);
        await db.Database.MigrateAsync();
        return file;
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        var name = "mm_template_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(ServerConnection()))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<PostgresMallDb>().UseNpgsql(Database(name) + ";Pooling=false").UseSnakeCaseNamingConvention().Options;
        await using var db = new PostgresMallDb(options);
        await db.Database.MigrateAsync();
        return name;
    }

    private static string ServerConnection() => Environment.GetEnvironmentVariable("MALL_TEST_PG")
        ?? throw new InvalidOperationException("MALL_TEST_DB=postgres needs MALL_TEST_PG, a connection string to the test server.");

    private static string Database(string name) => new NpgsqlConnectionStringBuilder(ServerConnection()) { Database = name }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(ServerConnection());
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
