using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MemberMall.Features.Demo;

/// <summary>
/// SQLite: prepared INSERTs, one transaction per batch, on the app's own connection (foreign keys on).
/// Values take the shapes the EF model stores: GUIDs as upper-case text, times as UTC ticks, dates as
/// ISO text, the interests list as a JSON array.
/// </summary>
internal sealed class SqliteSeedWriter : SeedWriter
{
    private readonly SqliteConnection _connection;
    private readonly Func<ValueTask> _close;
    private readonly SqliteCommand _account, _member, _tag, _spend;

    private SqliteSeedWriter(SqliteConnection connection, Func<ValueTask> close, string passwordHash) : base(passwordHash)
    {
        (_connection, _close) = (connection, close);
        _account = Command("""
            INSERT INTO accounts (id, kind, display_name, created_at, user_name, normalized_user_name, email_confirmed, password_hash,
                security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ($id, $kind, $name, $at, $user, $normalized, 0, $hash, $stamp, $concurrency, 0, 0, 1, 0)
            """, "$id", "$kind", "$name", "$at", "$user", "$normalized", "$hash", "$stamp", "$concurrency");
        _member = Command("""
            INSERT INTO members (id, member_no, name, search_name, gender, birthday, interests, phone_cipher, phone_hash, email_cipher,
                email_hash, referral_code, referred_by_code, registered_at, order_count, total_spend_fen, first_order_at, last_order_at,
                favourite_category_id, version)
            VALUES ($id, $no, $name, $search, $gender, $birthday, $interests, $phone, $phoneHash, $email, $emailHash, $code, $referredBy,
                $at, $orders, $spend, $first, $last, $favourite, 1)
            """, "$id", "$no", "$name", "$search", "$gender", "$birthday", "$interests", "$phone", "$phoneHash", "$email", "$emailHash",
            "$code", "$referredBy", "$at", "$orders", "$spend", "$first", "$last", "$favourite");
        _tag = Command("INSERT INTO member_tags (member_id, tag_id, created_at) VALUES ($member, $tag, $at)", "$member", "$tag", "$at");
        _spend = Command("INSERT INTO member_category_spends (member_id, category_id, spend_fen) VALUES ($member, $category, $fen)",
            "$member", "$category", "$fen");
    }

    /// <param name="connection">An open connection; <paramref name="close"/> gives it back when seeding ends.</param>
    public static SqliteSeedWriter Open(SqliteConnection connection, Func<ValueTask> close, string passwordHash) => new(connection, close, passwordHash);

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
        return cmd;
    }

    public override async Task<HashSet<string>> FindTakenAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct)
    {
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT member_no FROM members WHERE member_no IN (SELECT value FROM json_each($nos))
            UNION ALL SELECT normalized_user_name FROM accounts WHERE normalized_user_name IN (SELECT value FROM json_each($users))
            UNION ALL SELECT phone_hash FROM members WHERE phone_hash IN (SELECT value FROM json_each($phones))
            UNION ALL SELECT email_hash FROM members WHERE email_hash IN (SELECT value FROM json_each($emails))
            UNION ALL SELECT referral_code FROM members WHERE referral_code IN (SELECT value FROM json_each($codes))
            """;
        cmd.Parameters.AddWithValue("$nos", JsonSerializer.Serialize(batch.Select(m => m.MemberNo)));
        cmd.Parameters.AddWithValue("$users", JsonSerializer.Serialize(batch.Select(NormalizedUserName)));
        cmd.Parameters.AddWithValue("$phones", JsonSerializer.Serialize(batch.Select(m => m.PhoneHash)));
        cmd.Parameters.AddWithValue("$emails", JsonSerializer.Serialize(batch.Where(m => m.EmailHash is not null).Select(m => m.EmailHash)));
        cmd.Parameters.AddWithValue("$codes", JsonSerializer.Serialize(batch.Select(m => m.ReferralCode)));
        var taken = new HashSet<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    public override async Task WriteAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct)
    {
        await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        _account.Transaction = _member.Transaction = _tag.Transaction = _spend.Transaction = tx;
        foreach (var m in batch)
        {
            var id = Id(m.Id);
            Run(_account, id, MemberKind, m.Name, m.RegisteredAt.UtcTicks, m.UserName, NormalizedUserName(m), PasswordHash, m.SecurityStamp, m.ConcurrencyStamp);
            Run(_member, id, m.MemberNo, m.Name, m.Name.ToLowerInvariant(), m.Gender.ToString(), m.Birthday?.ToString("yyyy-MM-dd"),
                JsonSerializer.Serialize(m.Interests), m.PhoneCipher, m.PhoneHash, m.EmailCipher, m.EmailHash, m.ReferralCode, m.ReferredByCode,
                m.RegisteredAt.UtcTicks, m.OrderCount, m.TotalSpendFen, m.FirstOrderAt?.UtcTicks, m.LastOrderAt?.UtcTicks,
                m.FavouriteCategoryId is { } favourite ? Id(favourite) : null);
            foreach (var tag in m.Tags) Run(_tag, id, Id(tag.TagId), tag.At.UtcTicks);
            foreach (var spend in m.Spends) Run(_spend, id, Id(spend.CategoryId), spend.SpendFen);
        }
        await tx.CommitAsync(ct);
    }

    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    // The admin list keeps to the planner's own estimates on SQLite; statistics would change its plans.
    public override Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        foreach (DbCommand cmd in new[] { _account, _member, _tag, _spend }) await cmd.DisposeAsync();
        await _close();
    }
}
