using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MemberMall.Infrastructure;

public sealed class PostgresMallDb(DbContextOptions<PostgresMallDb> options) : MallDb(options)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A prefix LIKE uses a b-tree index under any database collation only with text_pattern_ops.
        builder.Entity<Member>().HasIndex(m => new { m.SearchName, m.MemberNo }).HasOperators("text_pattern_ops", "text_pattern_ops");

        // Codes and keyed hashes are opaque ASCII: byte order is their natural order, and comparing bytes is
        // several times cheaper than a linguistic collation in every index insert, look-up and build.
        var member = builder.Entity<Member>();
        foreach (var code in new[] { nameof(Member.MemberNo), nameof(Member.PhoneHash), nameof(Member.EmailHash), nameof(Member.ReferralCode), nameof(Member.ReferredByCode) })
            member.Property(code).UseCollation("C");
        builder.Entity<Account>().Property(a => a.NormalizedUserName).UseCollation("C");
    }
}

public sealed class PostgresMallDbDesignFactory : IDesignTimeDbContextFactory<PostgresMallDb>
{
    public PostgresMallDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresMallDb>()
        .UseNpgsql("Host=localhost;Database=design").UseSnakeCaseNamingConvention().Options);
}
