using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Cart;
using MemberMall.Features.Orders;
using MemberMall.Features.Payments;
using MemberMall.Features.Audit;
using MemberMall.Features.Catalog;
using MemberMall.Features.Members;
using MemberMall.Features.Outbox;
using MemberMall.Features.Settings;
using MemberMall.Features.Stock;
using MemberMall.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentNotification> PaymentNotifications => Set<PaymentNotification>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<AfterSalesRequest> AfterSalesRequests => Set<AfterSalesRequest>();
    public DbSet<MemberCategorySpend> MemberCategorySpends => Set<MemberCategorySpend>();
    public DbSet<Features.Reviews.ProductReview> ProductReviews => Set<Features.Reviews.ProductReview>();
    public DbSet<Features.Reviews.ReviewVote> ReviewVotes => Set<Features.Reviews.ReviewVote>();
    public DbSet<Features.Points.PointsAccount> PointsAccounts => Set<Features.Points.PointsAccount>();
    public DbSet<Features.Points.PointsEntry> PointsEntries => Set<Features.Points.PointsEntry>();
    public DbSet<Features.Points.PointsLot> PointsLots => Set<Features.Points.PointsLot>();
    public DbSet<Features.Points.LotDraw> LotDraws => Set<Features.Points.LotDraw>();
    public DbSet<Features.Points.PointsAward> PointsAwards => Set<Features.Points.PointsAward>();
    public DbSet<Features.Points.PointsRule> PointsRules => Set<Features.Points.PointsRule>();
    public DbSet<Features.Points.PointsCampaign> PointsCampaigns => Set<Features.Points.PointsCampaign>();
    public DbSet<Features.Tiers.Tier> Tiers => Set<Features.Tiers.Tier>();
    public DbSet<Features.Tiers.MemberTier> MemberTiers => Set<Features.Tiers.MemberTier>();
    public DbSet<Features.Tiers.TierChange> TierChanges => Set<Features.Tiers.TierChange>();
    public DbSet<Features.Tiers.ProductTierPrice> ProductTierPrices => Set<Features.Tiers.ProductTierPrice>();
    public DbSet<Features.Engagement.CheckIn> CheckIns => Set<Features.Engagement.CheckIn>();
    public DbSet<Features.Risk.RiskFlag> RiskFlags => Set<Features.Risk.RiskFlag>();
    public DbSet<Features.Rebates.RebateRule> RebateRules => Set<Features.Rebates.RebateRule>();
    public DbSet<Features.Rebates.RebateAccrual> RebateAccruals => Set<Features.Rebates.RebateAccrual>();
    public DbSet<Features.Rebates.RebateAccount> RebateAccounts => Set<Features.Rebates.RebateAccount>();
    public DbSet<Features.Rebates.RebateEntry> RebateEntries => Set<Features.Rebates.RebateEntry>();
    public DbSet<Features.Rebates.RebateStatement> RebateStatements => Set<Features.Rebates.RebateStatement>();
    public DbSet<Features.Rebates.Withdrawal> Withdrawals => Set<Features.Rebates.Withdrawal>();
    public DbSet<Features.PointsMall.MallItem> MallItems => Set<Features.PointsMall.MallItem>();
    public DbSet<Features.PointsMall.MallExchange> MallExchanges => Set<Features.PointsMall.MallExchange>();
    public DbSet<Features.PointsMall.MallQuota> MallQuotas => Set<Features.PointsMall.MallQuota>();
    public DbSet<Features.PointsMall.MallStockMovement> MallStockMovements => Set<Features.PointsMall.MallStockMovement>();

    public abstract bool IsPostgres { get; }

    /// <summary>Whether the next save sends the unit's <c>COMMIT</c> with its batch (see <see cref="SaveBatchInterceptor"/>).</summary>
    internal SaveCommit CommitWithNextSave { get; set; }

    /// <summary>
    /// Saves, with <c>COMMIT</c> sent in the save's batch when the database can check the save whole
    /// (<see cref="SaveBatchInterceptor"/>); returns whether it was. When it was not (nothing to save, or a save only EF's
    /// count of rows can check), the caller commits on its own.
    /// </summary>
    internal async Task<bool> SaveWithCommitAsync(CancellationToken ct)
    {
        CommitWithNextSave = SaveCommit.Asked;
        try
        {
            await SaveChangesAsync(ct);
            return CommitWithNextSave == SaveCommit.Sent;
        }
        finally
        {
            CommitWithNextSave = SaveCommit.None;
        }
    }

    /// <summary>Statements that go with the next save's batch (see <see cref="SendWithNextSave"/>).</summary>
    internal List<(string Sql, SqlArg[] Args)>? QueuedForNextSave { get; private set; }

    /// <summary>
    /// PostgreSQL only: sends <paramref name="sql"/> with the next asynchronous save's batch, after its statements, in the same round
    /// trip (<see cref="SaveBatchInterceptor"/>), inside the transaction the save runs in. The statement names its values
    /// <c>@p0</c>, <c>@p1</c>, … as <see cref="DirectSql"/> does, answers no rows the app needs (none are read), and refuses a change the app would refuse
    /// by calling <c>mall_refuse(code, message)</c>: the save then fails whole and throws <see cref="DomainException"/>
    /// with that code. The next save must write something, or the statement would not be sent; it throws if so.
    /// </summary>
    public void SendWithNextSave(string sql, params SqlArg[] args)
    {
        if (!IsPostgres) throw new NotSupportedException("Statements go with a save's batch on PostgreSQL only.");
        (QueuedForNextSave ??= []).Add((sql, args));
    }

    /// <summary>Statements that go in front of the next query (see <see cref="SendBeforeNextQuery"/>).</summary>
    internal List<(string Sql, SqlArg[] Args)>? QueuedForNextQuery { get; private set; }

    /// <summary>
    /// PostgreSQL only: sends <paramref name="sql"/> in front of the next query this context runs, in the same round trip
    /// and the same transaction (<see cref="SaveBatchInterceptor"/>), so that the query sees what the statement wrote.
    /// The statement names its values as <see cref="SendWithNextSave"/> does and answers no rows. Forgotten when the
    /// query is sent, or by <see cref="ForgetQueuedForNextQuery"/>.
    /// </summary>
    public void SendBeforeNextQuery(string sql, params SqlArg[] args)
    {
        if (!IsPostgres) throw new NotSupportedException("Statements go in front of a query on PostgreSQL only.");
        (QueuedForNextQuery ??= []).Add((sql, args));
    }

    internal void ForgetQueuedForNextQuery() => QueuedForNextQuery = null;

    /// <summary>Forgets statements waiting for a save that will not come (the unit of work that queued them ended).</summary>
    internal void ForgetQueuedForNextSave() => QueuedForNextSave = null;

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
        if (QueuedForNextSave is not null) throw new InvalidOperationException("Statements sent with a save need the asynchronous save.");
        var restore = DetectChangesOnce();
        try
        {
            GuardAppendOnly();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException e) when (e.StaleRow() is { } stale)
        {
            throw new DbUpdateConcurrencyException(stale, e);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = restore;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var restore = DetectChangesOnce();
        try
        {
            GuardAppendOnly();
            if (CommitWithNextSave == SaveCommit.Asked && !EveryWriteChecked()) CommitWithNextSave = SaveCommit.None;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (QueuedForNextSave is not null) throw new InvalidOperationException("The save wrote nothing, so the statements meant to go with it were not sent.");
            return saved;
        }
        catch (DbUpdateException e) when (e.StaleRow() is { } stale)
        {
            throw new DbUpdateConcurrencyException(stale, e);
        }
        catch (DbUpdateException e) when (e.Refusal() is { } refused)
        {
            throw new DomainException(refused.Code, refused.Message);
        }
        finally
        {
            QueuedForNextSave = null;
            ChangeTracker.AutoDetectChangesEnabled = restore;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the change tracker as it stands, without the scan for changes that EF runs first on
    /// every look at it (and again at the save): entities added or removed are seen, and changes a scan already found,
    /// but not a tracked entity's properties changed since. For questions whose answer does not hang on those.
    /// </summary>
    public T WithoutScan<T>(Func<ChangeTracker, T> read)
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return read(ChangeTracker);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = auto;
        }
    }

    /// <summary>
    /// Scans tracked entities for changes once per save: the append-only guard, the save interceptors and the
    /// save itself then all work from that one scan. Returns the setting to restore afterwards.
    /// </summary>
    private bool DetectChangesOnce()
    {
        var auto = ChangeTracker.AutoDetectChangesEnabled;
        if (auto)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }
        return auto;
    }

    /// <summary>
    /// Whether the database itself fails every update this save makes whose row is not as it was read, in one batch:
    /// each changed row has a concurrency token (see <see cref="PostgresUpdateSqlGenerator"/>), none is deleted, and
    /// there are well under the statements PostgreSQL's provider puts in one batch (1,000). A row without a token, or
    /// one deleted meanwhile, would only show as a count of rows after the batch, and a second batch would run after
    /// the first one's <c>COMMIT</c>: such a save commits on its own.
    /// </summary>
    private bool EveryWriteChecked()
    {
        var rows = 0;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged || entry.State == EntityState.Detached) continue;
            if (++rows > MaxRowsWithCommit || entry.State == EntityState.Deleted) return false;
            if (entry.State == EntityState.Modified && !entry.Metadata.GetProperties().Any(p => p.IsConcurrencyToken)) return false;
        }
        return true;
    }

    private const int MaxRowsWithCommit = 200;

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<IAppendOnly>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only.");
        }
    }
}
