using Npgsql;
using NpgsqlTypes;

namespace MemberMall.Features.Demo;

/// <summary>
/// PostgreSQL: binary COPY into accounts, members, member_tags and member_category_spends.
/// Into an empty member table everything goes in one transaction that first sets the secondary indexes and
/// foreign keys of those tables aside and builds them again at the end: sorting a million keys once is
/// several times cheaper than a million random index inserts, and an interrupted run rolls back whole,
/// schema included. Beside existing members each batch is its own transaction and the indexes stay.
/// </summary>
internal sealed class PostgresSeedWriter : SeedWriter
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _bulk;
    private IReadOnlyList<string> _rebuild = [];

    private PostgresSeedWriter(NpgsqlConnection connection, string passwordHash) : base(passwordHash) => _connection = connection;

    public static async Task<PostgresSeedWriter> OpenAsync(string connectionString, string passwordHash, bool empty, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var writer = new PostgresSeedWriter(connection, passwordHash);
        // Commits need not wait for the WAL flush: a crash loses at most the last batches, never half of one.
        await writer.ExecuteAsync("SET synchronous_commit TO off; SET maintenance_work_mem TO '1GB'", ct);
        if (empty)
        {
            writer._bulk = await connection.BeginTransactionAsync(ct);
            writer._rebuild = await PostgresSeedSchema.SetAsideAsync(connection, ct);
        }
        return writer;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override async Task<HashSet<string>> FindTakenAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT member_no FROM members WHERE member_no = ANY(@nos)
            UNION ALL SELECT normalized_user_name FROM accounts WHERE normalized_user_name = ANY(@users)
            UNION ALL SELECT phone_hash FROM members WHERE phone_hash = ANY(@phones)
            UNION ALL SELECT email_hash FROM members WHERE email_hash = ANY(@emails)
            UNION ALL SELECT referral_code FROM members WHERE referral_code = ANY(@codes)
            """, _connection);
        cmd.Parameters.AddWithValue("nos", batch.Select(m => m.MemberNo).ToArray());
        cmd.Parameters.AddWithValue("users", batch.Select(NormalizedUserName).ToArray());
        cmd.Parameters.AddWithValue("phones", batch.Select(m => m.PhoneHash).ToArray());
        cmd.Parameters.AddWithValue("emails", batch.Where(m => m.EmailHash is not null).Select(m => m.EmailHash!).ToArray());
        cmd.Parameters.AddWithValue("codes", batch.Select(m => m.ReferralCode).ToArray());
        var taken = new HashSet<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    public override async Task WriteAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct)
    {
        if (_bulk is not null)
        {
            await CopyAsync(batch, ct);
            return;
        }
        await using var tx = await _connection.BeginTransactionAsync(ct);
        await CopyAsync(batch, ct);
        await tx.CommitAsync(ct);
    }

    private async Task CopyAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct)
    {
        await CopyRowsAsync("""
            COPY accounts (id, kind, display_name, created_at, user_name, normalized_user_name, email_confirmed, password_hash,
                security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            FROM STDIN (FORMAT BINARY)
            """, batch, (copy, m) =>
        {
            copy.Write(m.Id, NpgsqlDbType.Uuid);
            copy.Write(MemberKind, NpgsqlDbType.Varchar);
            copy.Write(m.Name, NpgsqlDbType.Varchar);
            copy.Write(m.RegisteredAt, NpgsqlDbType.TimestampTz);
            copy.Write(m.UserName, NpgsqlDbType.Varchar);
            copy.Write(NormalizedUserName(m), NpgsqlDbType.Varchar);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(PasswordHash, NpgsqlDbType.Text);
            copy.Write(m.SecurityStamp, NpgsqlDbType.Text);
            copy.Write(m.ConcurrencyStamp, NpgsqlDbType.Text);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(true, NpgsqlDbType.Boolean);
            copy.Write(0, NpgsqlDbType.Integer);
        }, ct);

        await CopyRowsAsync("""
            COPY members (id, member_no, name, search_name, gender, birthday, interests, phone_cipher, phone_hash, email_cipher,
                email_hash, referral_code, referred_by_code, registered_at, order_count, total_spend_fen, first_order_at, last_order_at,
                favourite_category_id, version)
            FROM STDIN (FORMAT BINARY)
            """, batch, (copy, m) =>
        {
            copy.Write(m.Id, NpgsqlDbType.Uuid);
            copy.Write(m.MemberNo, NpgsqlDbType.Varchar);
            copy.Write(m.Name, NpgsqlDbType.Varchar);
            copy.Write(m.Name.ToLowerInvariant(), NpgsqlDbType.Varchar);
            copy.Write(m.Gender.ToString(), NpgsqlDbType.Varchar);
            if (m.Birthday is { } birthday) copy.Write(birthday, NpgsqlDbType.Date); else copy.WriteNull();
            copy.Write(m.Interests, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(m.PhoneCipher, NpgsqlDbType.Text);
            copy.Write(m.PhoneHash, NpgsqlDbType.Varchar);
            WriteOrNull(copy, m.EmailCipher, NpgsqlDbType.Text);
            WriteOrNull(copy, m.EmailHash, NpgsqlDbType.Varchar);
            copy.Write(m.ReferralCode, NpgsqlDbType.Varchar);
            WriteOrNull(copy, m.ReferredByCode, NpgsqlDbType.Varchar);
            copy.Write(m.RegisteredAt, NpgsqlDbType.TimestampTz);
            copy.Write(m.OrderCount, NpgsqlDbType.Integer);
            copy.Write(m.TotalSpendFen, NpgsqlDbType.Bigint);
            if (m.FirstOrderAt is { } first) copy.Write(first, NpgsqlDbType.TimestampTz); else copy.WriteNull();
            if (m.LastOrderAt is { } last) copy.Write(last, NpgsqlDbType.TimestampTz); else copy.WriteNull();
            if (m.FavouriteCategoryId is { } favourite) copy.Write(favourite, NpgsqlDbType.Uuid); else copy.WriteNull();
            copy.Write(1L, NpgsqlDbType.Bigint);
        }, ct);

        await CopyRowsAsync("COPY member_tags (member_id, tag_id, created_at) FROM STDIN (FORMAT BINARY)",
            batch.SelectMany(m => m.Tags.Select(tag => (m.Id, tag.TagId, tag.At))), (copy, t) =>
            {
                copy.Write(t.Id, NpgsqlDbType.Uuid);
                copy.Write(t.TagId, NpgsqlDbType.Uuid);
                copy.Write(t.At, NpgsqlDbType.TimestampTz);
            }, ct);

        await CopyRowsAsync("COPY member_category_spends (member_id, category_id, spend_fen) FROM STDIN (FORMAT BINARY)",
            batch.SelectMany(m => m.Spends.Select(spend => (m.Id, spend.CategoryId, spend.SpendFen))), (copy, s) =>
            {
                copy.Write(s.Id, NpgsqlDbType.Uuid);
                copy.Write(s.CategoryId, NpgsqlDbType.Uuid);
                copy.Write(s.SpendFen, NpgsqlDbType.Bigint);
            }, ct);
    }

    /// <summary>One binary COPY: a row per item, its columns written by <paramref name="write"/> in the statement's order.</summary>
    private async Task CopyRowsAsync<T>(string copy, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        await using var importer = await _connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            importer.StartRow();
            write(importer, row);
        }
        await importer.CompleteAsync(ct);
    }

    private static void WriteOrNull(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null) copy.WriteNull(); else copy.Write(value, type);
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        if (_bulk is not null)
        {
            foreach (var statement in _rebuild) await ExecuteAsync(statement, ct);
            await _bulk.CommitAsync(ct);
            await _bulk.DisposeAsync();
            _bulk = null;
        }
        // The planner needs the real distribution at once. Setting hint bits and the visibility map is left to
        // autovacuum, which an insert of this size wakes anyway.
        await ExecuteAsync("ANALYZE accounts, members, member_tags, member_category_spends", ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_bulk is not null) await _bulk.DisposeAsync(); // not finished: roll everything back
        await _connection.DisposeAsync();
    }
}
