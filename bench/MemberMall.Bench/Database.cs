using System.Diagnostics;
using Npgsql;

namespace MemberMall.Bench;

/// <summary>Direct questions to the benchmark database: what it runs on, how many members it has.</summary>
public static class Database
{
    public static async Task<long> MembersAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM members", connection);
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        // A database or table that does not exist yet: the seed command's migrations create both.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    public static async Task<string> DescribeAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'),
                   current_setting('max_parallel_workers_per_gather'), current_setting('lc_collate'),
                   pg_size_pretty(pg_database_size(current_database()))
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return $"PostgreSQL {reader.GetString(0)} (shared_buffers={reader.GetString(1)}, work_mem={reader.GetString(2)}, " +
               $"max_parallel_workers_per_gather={reader.GetString(3)}, lc_collate={reader.GetString(4)}), database size {reader.GetString(5)}";
    }

    /// <summary>
    /// Settles the tables before timing: sets hint bits and the visibility map (index-only scans) now,
    /// so autovacuum does not start in the middle of a measurement.
    /// </summary>
    public static Task<TimeSpan> VacuumAsync(string connectionString, CancellationToken ct) =>
        VacuumAnalyzeAsync(connectionString, ct, "accounts, members, member_tags");

    /// <summary>VACUUM (ANALYZE) of the tables named, or of the whole database: statistics for them as they are now.</summary>
    public static async Task<TimeSpan> VacuumAnalyzeAsync(string connectionString, CancellationToken ct, string tables = "")
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"VACUUM (ANALYZE) {tables}", connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
        return watch.Elapsed;
    }

    /// <summary>Drops the database the connection string names (if it exists) and creates it empty; the app's migrations fill it.</summary>
    public static async Task RecreateAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database!;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", connection))
            await drop.ExecuteNonQueryAsync(ct);
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0", connection))
            await create.ExecuteNonQueryAsync(ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// Copies database <paramref name="from"/> to <paramref name="to"/> (replacing it) with CREATE DATABASE … TEMPLATE:
    /// a file copy, minutes faster than writing millions of rows again.
    /// </summary>
    public static async Task CopyAsync(string connectionString, string from, string to, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {Quote(to)} WITH (FORCE)", $"CREATE DATABASE {Quote(to)} TEMPLATE {Quote(from)}" })
        {
            await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task<bool> ExistsAsync(string connectionString, string database, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        cmd.Parameters.AddWithValue("name", database);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Counts of what the load run left behind, to cross-check the client's figures against the database.</summary>
    public static async Task<string> OrderSummaryAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT status, count(*) FROM orders GROUP BY status ORDER BY status", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct)) parts.Add($"{reader.GetValue(0)}: {reader.GetInt64(1):N0}");
        return parts.Count == 0 ? "no orders" : string.Join(", ", parts);
    }
}
