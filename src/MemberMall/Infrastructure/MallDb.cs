using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
using MemberMall.Features.Catalog;
using MemberMall.Features.Members;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Infrastructure;

/// <summary>
/// The one model, shared by both databases. <see cref="SqliteMallDb"/> and <see cref="PostgresMallDb"/>
/// add only what differs per provider, and each owns its migration set.
/// </summary>
public abstract class MallDb(DbContextOptions options) : IdentityUserContext<Account, Guid>(options)
{
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<MemberTag> MemberTags => Set<MemberTag>();
    public DbSet<MemberNote> MemberNotes => Set<MemberNote>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ShopSettings> ShopSettings => Set<ShopSettings>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Opens a read-only stretch whose queries the database runs without parallel workers, for short
    /// latency-bound reads like a list page; dispose it when done. Null where there is nothing to set.
    /// </summary>
    public virtual Task<IAsyncDisposable?> BeginSerialReadsAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MallDb).Assembly, t => t.Namespace?.StartsWith("MemberMall.Features") == true
            || t.Namespace?.StartsWith("MemberMall.Infrastructure") == true);
        AccountConfig.RenameIdentityTables(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<IAppendOnly>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only.");
        }
    }
}
