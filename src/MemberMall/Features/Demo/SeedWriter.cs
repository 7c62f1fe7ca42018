using MemberMall.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MemberMall.Features.Accounts;

namespace MemberMall.Features.Demo;

/// <summary>Writes seeded members and their accounts straight into the tables, one batch per transaction.</summary>
internal abstract class SeedWriter(string passwordHash) : IAsyncDisposable
{
    /// <summary>The bulk writer of the context's database: PostgreSQL's binary COPY, or SQLite's prepared inserts.</summary>
    public static async Task<SeedWriter> OpenAsync(MallDb db, string passwordHash, bool empty, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            return await PostgresSeedWriter.OpenAsync(db.Database.GetConnectionString()!, passwordHash, empty, ct);
        await db.Database.OpenConnectionAsync(ct);
        return SqliteSeedWriter.Open((SqliteConnection)db.Database.GetDbConnection(), () => new ValueTask(db.Database.CloseConnectionAsync()), passwordHash);
    }

    protected const string MemberKind = nameof(AccountKind.Member);
    protected string PasswordHash { get; } = passwordHash;

    /// <summary>Those of the batch's unique values (member no, user name, phone/e-mail hash, referral code) already taken.</summary>
    public abstract Task<HashSet<string>> FindTakenAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct);

    public abstract Task WriteAsync(IReadOnlyList<SeedMember> batch, CancellationToken ct);

    /// <summary>Leaves the tables ready for queries (statistics) once everything is in.</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static string NormalizedUserName(SeedMember m) => m.UserName.ToUpperInvariant();

    public static bool Collides(SeedMember m, HashSet<string> taken) =>
        taken.Contains(m.MemberNo) || taken.Contains(NormalizedUserName(m)) || taken.Contains(m.PhoneHash) || taken.Contains(m.ReferralCode)
        || (m.EmailHash is not null && taken.Contains(m.EmailHash));
}
