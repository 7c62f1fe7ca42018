using System.Diagnostics;
using Npgsql;

namespace MemberMall.Bench;

/// <summary>
/// Writes a loyalty history for every member with server-side SQL: ten points entries each (eight earns, each its own
/// lot, one of them past its expiry, due lots expiring in the order they were stored; two redemptions drawn from one
/// lot), and for two members in five two rebate
/// accruals held for last month's settlement. Replaces whatever loyalty data the database held.
/// </summary>
public static class LoyaltySeed
{
    public sealed record Counts(long Members, long PointsEntries, long Lots, long DueLots, long Draws, long Accruals, long RebateEntries, long SettlingMembers);

    public static async Task<(Counts Counts, TimeSpan Took)> WriteAsync(string connectionString, DateTimeOffset now, DateTimeOffset lastMonth, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        async Task Run(string sql, string label)
        {
            var step = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("last_month", lastMonth);
            var rows = await cmd.ExecuteNonQueryAsync(ct);
            Console.WriteLine($"    {label}: {(rows >= 0 ? rows.ToString("N0") + " rows, " : "")}{step.Elapsed.TotalSeconds:F1} s");
        }

        await Run("TRUNCATE points_lot_draws, points_lots, points_awards, points_entries, points_accounts, rebate_entries, rebate_accruals, rebate_statements, withdrawals, rebate_accounts",
            "empty the loyalty tables");
        await Run("CREATE TEMP TABLE bench_members AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM members", "number the members");
        // Ids that grow with insertion order, like the app's version 7 GUIDs: random ones would scatter every index insert.
        await Run("""
            CREATE FUNCTION pg_temp.seq_id(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
            AS $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$
            """, "id function");
        await Run("""
            INSERT INTO points_entries (id, member_id, kind, available_change, pending_change, available_after, pending_after, source_type, source_id, rule,
                                        actor_name, created_at, expires_at)
            SELECT pg_temp.seq_id(1, m.n * 16 + k), m.id, 'Earn', 100, 0, 100 * k, 0, 'order', lpad(m.n::text, 8, '0') || '-' || k, 'earn', 'system',
                   @now - make_interval(days => (9 - k) * 30 + (m.n % 20)::int),
                   -- Lots expire in the order they were earned, as under every expiry policy (N days after, end of month/year).
                   CASE WHEN k = 1 THEN @now - make_interval(days => 1, secs => (1000001 - m.n)::float8) ELSE @now + make_interval(days => k * 30) END
            FROM bench_members m CROSS JOIN generate_series(1, 8) AS k
            ORDER BY m.n, k
            """, "earn entries");
        await Run("""
            INSERT INTO points_lots (id, member_id, entry_id, original, remaining, status, earned_at, available_at, expires_at)
            SELECT pg_temp.seq_id(2, row_number() OVER (ORDER BY e.id)), e.member_id, e.id, 100, CASE WHEN split_part(e.source_id, '-', 2) = '2' THEN 0 ELSE 100 END, 'Available',
                   e.created_at, e.created_at, e.expires_at
            FROM points_entries e
            ORDER BY e.id
            """, "lots");
        await Run("""
            INSERT INTO points_entries (id, member_id, kind, available_change, pending_change, available_after, pending_after, source_type, source_id, rule,
                                        actor_name, created_at)
            SELECT pg_temp.seq_id(3, m.n * 4 + j), m.id, 'Redeem', -50, 0, 800 - 50 * j, 0, 'order', lpad(m.n::text, 8, '0') || '-r' || j, 'redeem', 'system',
                   @now - make_interval(days => 10 - j)
            FROM bench_members m CROSS JOIN generate_series(1, 2) AS j
            ORDER BY m.n, j
            """, "redemptions");
        await Run("""
            INSERT INTO points_lot_draws (id, entry_id, lot_id, points)
            SELECT pg_temp.seq_id(4, row_number() OVER (ORDER BY r.id)), r.id, l.id, 50
            FROM points_entries r
            JOIN points_entries e ON e.member_id = r.member_id AND e.kind = 'Earn' AND split_part(e.source_id, '-', 2) = '2'
            JOIN points_lots l ON l.entry_id = e.id
            WHERE r.kind = 'Redeem'
            ORDER BY r.id
            """, "lot draws");
        await Run("INSERT INTO points_accounts (member_id, available, pending) SELECT id, 700, 0 FROM bench_members ORDER BY id", "points accounts");

        await Run("""
            INSERT INTO rebate_accruals (id, member_id, order_id, order_item_id, percent, amount_fen, clawed_back_fen, status, accrued_at, available_at)
            SELECT pg_temp.seq_id(5, m.n * 4 + j), m.id, pg_temp.seq_id(6, m.n * 4 + j), pg_temp.seq_id(7, m.n * 4 + j), 5, 300 + (m.n % 7) * 100, 0, 'Held',
                   @last_month + make_interval(days => (j * 9)::int), @last_month + make_interval(days => (j * 9 + 7)::int)
            FROM bench_members m CROSS JOIN generate_series(1, 2) AS j
            WHERE m.n % 5 < 2
            ORDER BY m.n, j
            """, "held rebate accruals");
        await Run("""
            INSERT INTO rebate_entries (id, member_id, kind, pending_change, available_change, frozen_change, available_after, source_type, source_id, rule, created_at)
            SELECT pg_temp.seq_id(8, row_number() OVER (ORDER BY a.id)), a.member_id, 'Accrue', a.amount_fen, 0, 0, 0, 'order', a.order_id::text, 'rebate', a.accrued_at
            FROM rebate_accruals a ORDER BY a.id
            """, "rebate entries");
        await Run("""
            INSERT INTO rebate_accounts (member_id, pending_fen, available_fen, frozen_fen)
            SELECT member_id, sum(amount_fen), 0, 0 FROM rebate_accruals GROUP BY member_id
            """, "rebate accounts");
        await Run("VACUUM (ANALYZE) members, points_entries, points_lots, points_lot_draws, points_accounts, rebate_accruals, rebate_entries, rebate_accounts, rebate_statements",
            "VACUUM (ANALYZE)");

        return (await CountAsync(connection, now, ct), watch.Elapsed);
    }

    public static async Task<Counts> CountAsync(string connectionString, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return await CountAsync(connection, now, ct);
    }

    private static async Task<Counts> CountAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await using var count = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM points_entries), (SELECT count(*) FROM points_lots),
                   (SELECT count(*) FROM points_lots WHERE status = 'Available' AND expires_at <= @now), (SELECT count(*) FROM points_lot_draws),
                   (SELECT count(*) FROM rebate_accruals), (SELECT count(*) FROM rebate_entries), (SELECT count(*) FROM rebate_accounts)
            """, connection) { CommandTimeout = 0 };
        count.Parameters.AddWithValue("now", now);
        await using var reader = await count.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
            reader.GetInt64(6), reader.GetInt64(7));
    }

    /// <summary>What the jobs left behind, checked against what they should have done.</summary>
    public static async Task<string> VerifyAsync(string connectionString, DateTimeOffset now, Counts seeded, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM points_entries WHERE kind = 'Expire'),
                   (SELECT count(*) FROM points_lots WHERE status = 'Available' AND expires_at <= @now),
                   (SELECT count(*) FROM points_accounts a WHERE a.available <> (SELECT coalesce(sum(e.available_change), 0) FROM points_entries e WHERE e.member_id = a.member_id)),
                   (SELECT count(*) FROM rebate_statements),
                   (SELECT count(*) FROM rebate_accruals WHERE status <> 'Credited'),
                   (SELECT count(*) FROM rebate_accounts WHERE pending_fen <> 0 OR available_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM rebate_statements s WHERE s.member_id = rebate_accounts.member_id))
            """, connection) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("now", now);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (expired, stillDue, badPoints, statements, unsettled, badRebates) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        var ok = expired == seeded.DueLots && stillDue == 0 && badPoints == 0 && statements == seeded.SettlingMembers && unsettled == 0 && badRebates == 0;
        return $"{(ok ? "verified" : "VERIFICATION FAILED")}: {expired:N0} expiry entries (expected {seeded.DueLots:N0}), {stillDue:N0} lots still due, " +
               $"{badPoints:N0} points accounts off their entries; {statements:N0} statements (expected {seeded.SettlingMembers:N0}), {unsettled:N0} accruals unsettled, " +
               $"{badRebates:N0} rebate accounts off their statements";
    }
}
