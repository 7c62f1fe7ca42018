using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MemberMall.Infrastructure;

public static class DbErrors
{
    /// <summary>
    /// When the update failed on a unique index, returns text that names it (PostgreSQL's constraint name,
    /// SQLite's "table.column" list) for the caller to map onto a stable error code; otherwise null.
    /// </summary>
    public static string? UniqueViolation(this DbUpdateException e) => Unique(e.InnerException);

    /// <summary>The same for a statement run directly on the connection (<see cref="DirectSql"/>).</summary>
    public static string? UniqueViolation(this System.Data.Common.DbException e) => Unique(e);

    /// <summary>Whether the update failed because a row names a parent row that does not exist.</summary>
    public static bool ForeignKeyViolation(this DbUpdateException e) => e.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => true,
        SqliteException { SqliteErrorCode: 19 } lite => lite.Message.Contains("FOREIGN KEY", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The database gave up on this transaction for another's sake (PostgreSQL's deadlock victim or serialization
    /// failure): nothing of it was kept, and the same request sent again can succeed. Returns the SQLSTATE, or null.
    /// </summary>
    public static string? LostToAnother(this Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } pg)
                return pg.SqlState;
        return null;
    }

    /// <summary>
    /// Why a balance did not cover what a tracked row says it holds. The row was read before its account was locked, so
    /// another request may have changed it and committed in between: then this is a stale read, answered as one
    /// (409 <c>concurrency.stale</c>, the same request may be sent again), as saving the row would have been. A row still
    /// as it was read that its balance does not cover is a broken ledger: <paramref name="broken"/>.
    /// </summary>
    public static async Task<Exception> NotCoveredAsync(this DbContext db, object row, string broken, CancellationToken ct)
    {
        var entry = db.Entry(row);
        var stored = await entry.GetDatabaseValuesAsync(ct);
        return stored is null || entry.Properties.Any(p => p.Metadata.IsConcurrencyToken && !Equals(stored[p.Metadata], p.OriginalValue))
            ? new DbUpdateConcurrencyException(
                $"{entry.Metadata.ClrType.Name} {string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(k => entry.Property(k.Name).CurrentValue))} changed after it was read.")
            : new InvalidOperationException(broken);
    }

    private static string? Unique(Exception? e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => pg.ConstraintName ?? "unique",
        SqliteException { SqliteErrorCode: 19 } lite when lite.Message.Contains("UNIQUE", StringComparison.Ordinal) => lite.Message,
        _ => null,
    };
}
