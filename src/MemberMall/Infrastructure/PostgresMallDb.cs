using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MemberMall.Infrastructure;

public sealed class PostgresMallDb(DbContextOptions<PostgresMallDb> options) : MallDb(options)
{
    /// <remarks>
    /// For a page that stops after 20 rows, starting parallel workers costs more than they save (tens of
    /// milliseconds for a rare tag sorted by spend), and on a small server they take the cores the app needs.
    /// <c>SET LOCAL</c> keeps the setting to this transaction; inside a caller's transaction nothing is changed.
    /// </remarks>
    public override async Task<IAsyncDisposable?> BeginSerialReadsAsync(CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null) return null;
        var tx = await Database.BeginTransactionAsync(ct);
        await Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", ct);
        return tx;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Codes and keyed hashes are opaque ASCII: byte order is their natural order, and comparing bytes is
        // several times cheaper than a linguistic collation in every index insert, look-up and build. The search name
        // is looked up by prefix as a range, which in byte order is the prefix's own (as on SQLite).
        var member = builder.Entity<Member>();
        foreach (var code in new[] { nameof(Member.MemberNo), nameof(Member.PhoneHash), nameof(Member.EmailHash), nameof(Member.ReferralCode),
                     nameof(Member.ReferredByCode), nameof(Member.SearchName) })
            member.Property(code).UseCollation("C");
        builder.Entity<Account>().Property(a => a.NormalizedUserName).UseCollation("C");
    }
}

public sealed class PostgresMallDbDesignFactory : IDesignTimeDbContextFactory<PostgresMallDb>
{
    public PostgresMallDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresMallDb>()
        .UseNpgsql("Host=localhost;Database=design").UseSnakeCaseNamingConvention().Options);
}
