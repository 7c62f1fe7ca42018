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
    public static string? UniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => pg.ConstraintName ?? "unique",
        SqliteException { SqliteErrorCode: 19 } lite when lite.Message.Contains("UNIQUE", StringComparison.Ordinal) => lite.Message,
        _ => null,
    };
}
