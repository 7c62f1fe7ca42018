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

    private static string? Unique(Exception? e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => pg.ConstraintName ?? "unique",
        SqliteException { SqliteErrorCode: 19 } lite when lite.Message.Contains("UNIQUE", StringComparison.Ordinal) => lite.Message,
        _ => null,
    };
}
