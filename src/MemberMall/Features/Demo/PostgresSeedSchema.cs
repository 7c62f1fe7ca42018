using Npgsql;

namespace MemberMall.Features.Demo;

/// <summary>
/// Takes the secondary indexes and foreign keys of the seeded tables out for a bulk load (inside the
/// caller's transaction) and hands back the statements that put them back exactly as the migrations made them.
/// Primary keys stay, so the load still refuses duplicate ids.
/// </summary>
internal static class PostgresSeedSchema
{
    private static readonly string[] Tables = ["accounts", "members", "member_tags", "member_category_spends"];

    /// <summary>
    /// Indexes whose keys arrive in ascending order during a seed (members are generated oldest first, their
    /// ids are version-7 GUIDs and member e-mail columns of accounts stay empty): appending to them costs
    /// the load less than building them again afterwards.
    /// </summary>
    private static readonly string[] KeptDuringLoad =
        ["ix_members_registered_at_member_no", "ix_accounts_kind_created_at", "EmailIndex", "ix_member_tags_tag_id_member_id"];

    public static async Task<IReadOnlyList<string>> SetAsideAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var drop = new List<string>();
        var rebuild = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT format('DROP INDEX %I.%I', n.nspname, i.relname), pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE t.oid = ANY(@tables::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
              AND i.relname <> ALL(@kept)
            ORDER BY t.relname, i.relname
            """, connection))
        {
            cmd.Parameters.AddWithValue("tables", Tables);
            cmd.Parameters.AddWithValue("kept", KeptDuringLoad);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drop.Add(reader.GetString(0));
                rebuild.Add(reader.GetString(1));
            }
        }
        await using (var cmd = new NpgsqlCommand("""
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid = ANY(@tables::regclass[])
            ORDER BY c.conrelid::regclass::text, c.conname
            """, connection))
        {
            cmd.Parameters.AddWithValue("tables", Tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drop.Insert(0, reader.GetString(0));
                rebuild.Add(reader.GetString(1));
            }
        }
        foreach (var statement in drop)
        {
            await using var cmd = new NpgsqlCommand(statement, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return rebuild;
    }
}
