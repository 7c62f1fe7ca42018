using System.Data.Common;
using System.Text;
using MemberMall.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Update;
using Npgsql.EntityFrameworkCore.PostgreSQL.Update.Internal;

namespace MemberMall.Infrastructure;

/// <summary>
/// PostgreSQL checks a saved row's concurrency tokens itself: where EF writes <c>version = @p</c> into an
/// <c>UPDATE</c> or <c>DELETE</c> and counts the rows afterwards, this writes <c>(version = @p OR mall_stale('…'))</c>,
/// and <c>mall_stale</c> raises <see cref="SqlState"/> (the function comes with the migration <c>StaleRowCheck</c>).
/// The key condition comes first and is the cheaper one, so the check runs only on the row being saved. A row
/// another transaction changed since it was read then fails the statement, and with it the transaction, instead
/// of leaving a count for the app to look at after the batch. That is what lets a unit of work send its
/// <c>COMMIT</c> with its last save (<see cref="WorkUnit.SaveAndCommitAsync"/>): nothing is left to check between
/// the two. <see cref="MallDb"/> answers the error as the <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/>
/// EF would have raised.
/// </summary>
#pragma warning disable EF1001 // The provider's generator is extended, not replaced: only the WHERE condition differs.
public sealed class PostgresUpdateSqlGenerator(UpdateSqlGeneratorDependencies dependencies) : NpgsqlUpdateSqlGenerator(dependencies)
#pragma warning restore EF1001
{
    /// <summary>The SQLSTATE <c>mall_stale</c> raises.</summary>
    public const string SqlState = "MS409";

    protected override void AppendWhereCondition(StringBuilder sql, IColumnModification column, bool useOriginalValue)
    {
        if (column.IsKey || column.Property?.IsConcurrencyToken != true || (useOriginalValue ? column.OriginalValue : column.Value) is null)
        {
            base.AppendWhereCondition(sql, column, useOriginalValue);
            return;
        }
        sql.Append('(');
        base.AppendWhereCondition(sql, column, useOriginalValue);
        sql.Append(" OR mall_stale('").Append(column.Column?.Table.Name).Append('.').Append(column.ColumnName).Append("'))");
    }
}

/// <summary>
/// Shapes the commands EF sends on PostgreSQL. In front of a query go the statements queued with
/// <see cref="MallDb.SendBeforeNextQuery"/>. After a save's statements (whose results EF reads by position) go the
/// statements queued with <see cref="MallDb.SendWithNextSave"/>, and then <c>COMMIT</c> when a <see cref="WorkUnit"/>
/// asked for it (<see cref="MallDb.CommitWithNextSave"/>): one round trip for the unit's last write and its commit.
/// Queued statements' values are renamed so that they cannot meet EF's own. When a statement of the batch fails,
/// PostgreSQL skips the rest of it, the <c>COMMIT</c> too, and the transaction is rolled back when the unit is
/// disposed. A commit here is not one EF sees, so the caches a save's changes evict are evicted again after it, as at
/// any commit. Only asynchronous commands take part (<see cref="WorkUnit.SaveAndCommitAsync"/>).
/// </summary>
public sealed class SaveBatchInterceptor(CacheEviction eviction) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (eventData.Context is not MallDb db) return ValueTask.FromResult(result);
        if (eventData.CommandSource == CommandSource.SaveChanges)
        {
            if (db.QueuedForNextSave is { } statements)
            {
                command.CommandText += ";\n" + DirectSql.Compose(db, command, statements);
                db.ForgetQueuedForNextSave();
            }
            AppendCommit(command, db);
        }
        else if (eventData.CommandSource == CommandSource.LinqQuery && db.QueuedForNextQuery is { } before)
        {
            command.CommandText = DirectSql.Compose(db, command, before) + ";\n" + command.CommandText;
            db.ForgetQueuedForNextQuery();
        }
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken ct = default)
    {
        Committed(eventData);
        return ValueTask.FromResult(result);
    }

    private static void AppendCommit(DbCommand command, MallDb db)
    {
        if (db.CommitWithNextSave != SaveCommit.Asked) return;
        command.CommandText += ";\nCOMMIT";
        db.CommitWithNextSave = SaveCommit.Sent;
    }

    private void Committed(CommandExecutedEventData data)
    {
        if (data.CommandSource == CommandSource.SaveChanges && data.Context is MallDb { CommitWithNextSave: SaveCommit.Sent } db)
            eviction.Ended(db);
    }
}

/// <summary>Where a unit's request to commit with its save stands.</summary>
public enum SaveCommit { None, Asked, Sent }
