using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberMall.Infrastructure;

/// <summary>A value for a <see cref="DirectSql"/> statement, with the type its mapping is found by (also when null).</summary>
public readonly record struct SqlArg(object? Value, Type Type)
{
    public static SqlArg Of<T>(T value) => new(value, typeof(T));
}

/// <summary>
/// Hand-written statements that every checkout runs, sent straight on the context's connection and inside its
/// transaction: no LINQ translation on each call. The SQL names its values <c>@p0</c>, <c>@p1</c>, … in argument
/// order; each is bound through the type mapping EF uses for its type in this model, so both databases see the
/// representation EF writes (on SQLite: GUIDs as text, times as UTC ticks).
/// </summary>
public static partial class DirectSql
{
    public static Task<int> ExecuteAsync(this MallDb db, string sql, CancellationToken ct, params SqlArg[] args) =>
        RunAsync(db, sql, args, command => command.ExecuteNonQueryAsync(ct), ct);

    /// <summary>The first row the statement answers, read by <paramref name="read"/>; null when it answers none.</summary>
    public static Task<T?> RowAsync<T>(this MallDb db, string sql, Func<DbDataReader, T> read, CancellationToken ct, params SqlArg[] args) where T : class =>
        RunAsync(db, sql, args, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? read(reader) : null;
        }, ct);

    /// <summary>
    /// Statements queued to travel with another command (<see cref="MallDb.SendWithNextSave"/>,
    /// <see cref="MallDb.SendBeforeNextQuery"/>) as one text, their values bound to <paramref name="command"/> under names
    /// of their own (<c>@w0_0</c>, … for the first), so that they cannot meet the values of the command they travel with.
    /// </summary>
    internal static string Compose(MallDb db, DbCommand command, List<(string Sql, SqlArg[] Args)> statements)
    {
        var sql = new System.Text.StringBuilder();
        for (var i = 0; i < statements.Count; i++)
        {
            var prefix = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
            if (i > 0) sql.Append(";\n");
            sql.Append(Value().Replace(statements[i].Sql, m => "@" + prefix + m.Groups[1].Value));
            Bind(db, command, statements[i].Args, prefix);
        }
        return sql.ToString();
    }

    /// <summary>A value of a statement: <c>@p0</c>, <c>@p1</c>, …</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"@p(\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex Value();

    /// <summary>Adds <paramref name="args"/> to <paramref name="command"/> as <c>@{prefix}0</c>, <c>@{prefix}1</c>, …</summary>
    private static void Bind(MallDb db, DbCommand command, IReadOnlyList<SqlArg> args, string prefix)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        for (var i = 0; i < args.Count; i++)
        {
            var type = Nullable.GetUnderlyingType(args[i].Type) ?? args[i].Type;
            var mapping = mappings.FindMapping(type, db.Model) ?? throw new InvalidOperationException($"No database mapping for {type.Name}.");
            command.Parameters.Add(mapping.CreateParameter(command, prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), args[i].Value, nullable: true));
        }
    }

    private static async Task<T> RunAsync<T>(MallDb db, string sql, SqlArg[] args, Func<DbCommand, Task<T>> run, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Bind(db, command, args, "p");
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
