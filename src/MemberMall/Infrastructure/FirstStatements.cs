using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberMall.Infrastructure;

/// <summary>A statement for a context to send before anything else, with its values, named <c>@first0</c>, <c>@first1</c>, …</summary>
public sealed record FirstStatement(string Sql, SqlArg[] Args);

/// <summary>
/// Sends a context's <see cref="MallDb.SendFirst"/> with its next command. In front of a LINQ query, in one round trip:
/// the query's rows stay the command's only result, and when the first statement fails, the query fails with its error
/// before it runs. Before any other command, as a command of its own: the rows a save or an update counts must be its
/// own, and so must a save's error.
/// </summary>
public sealed class FirstStatements : DbCommandInterceptor
{
    private const string Prefix = "first";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (Take(eventData) is ({ } db, { } first))
        {
            if (eventData.CommandSource == CommandSource.LinqQuery) Prepend(db, command, first);
            else Send(db, command, first);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is ({ } db, { } first))
        {
            if (eventData.CommandSource == CommandSource.LinqQuery) Prepend(db, command, first);
            else await SendAsync(db, command.Connection!, command.Transaction, first, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (Take(eventData) is ({ } db, { } first)) Send(db, command, first);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is ({ } db, { } first)) await SendAsync(db, command.Connection!, command.Transaction, first, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (Take(eventData) is ({ } db, { } first)) Send(db, command, first);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is ({ } db, { } first)) await SendAsync(db, command.Connection!, command.Transaction, first, cancellationToken);
        return result;
    }

    /// <summary>Sends the context's first statement now, if it has one, as a command of its own on its open connection.</summary>
    internal static async Task SendAsync(MallDb db, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        if (db.SendFirst is not { } first) return;
        db.SendFirst = null;
        await SendAsync(db, connection, transaction, first, ct);
    }

    private static (MallDb?, FirstStatement?) Take(CommandEventData data)
    {
        if (data.Context is not MallDb { SendFirst: { } first } db) return (null, null);
        db.SendFirst = null;
        return (db, first);
    }

    private static void Prepend(MallDb db, DbCommand command, FirstStatement first)
    {
        command.CommandText = first.Sql + ";\n" + command.CommandText;
        DirectSql.Bind(db, command, Prefix, first.Args);
    }

    private static void Send(MallDb db, DbCommand command, FirstStatement first)
    {
        using var own = Own(db, command.Connection!, command.Transaction, first);
        own.ExecuteNonQuery();
    }

    private static async Task SendAsync(MallDb db, DbConnection connection, DbTransaction? transaction, FirstStatement first, CancellationToken ct)
    {
        await using var own = Own(db, connection, transaction, first);
        await own.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Own(MallDb db, DbConnection connection, DbTransaction? transaction, FirstStatement first)
    {
        var own = connection.CreateCommand();
        own.CommandText = first.Sql;
        own.Transaction = transaction;
        DirectSql.Bind(db, own, Prefix, first.Args);
        return own;
    }
}
