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

namespace MemberMall.Infrastructure;

/// <summary>
/// The one model, shared by both databases. <see cref="SqliteMallDb"/> and <see cref="PostgresMallDb"/>
/// add only what differs per provider, and each owns its migration set.
/// </summary>
public abstract class MallDb(DbContextOptions options) : IdentityUserContext<Account, Guid>(options)
{
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
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
    public DbSet<Features.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Features.Webhooks.WebhookEndpoint>();
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();
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
    public DbSet<Features.Coupons.Coupon> Coupons => Set<Features.Coupons.Coupon>();
    public DbSet<Features.Coupons.MemberCoupon> MemberCoupons => Set<Features.Coupons.MemberCoupon>();
    public DbSet<Features.Coupons.CouponQuota> CouponQuotas => Set<Features.Coupons.CouponQuota>();
    public DbSet<Features.Messages.MemberMessage> MemberMessages => Set<Features.Messages.MemberMessage>();
    public DbSet<Features.Messages.NotificationPreferences> NotificationPreferences => Set<Features.Messages.NotificationPreferences>();

    /// <summary>
    /// The request's transaction when the idempotency middleware opened one on this context (see <see cref="WorkUnit"/>);
    /// null otherwise. Per-request state: <see cref="ResetState"/> clears it when the context goes back to the pool.
    /// </summary>
    public RequestTransaction? Request { get; internal set; }

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
        var restore = DetectChangesOnce();
        try
        {
            GuardAppendOnly();
            return base.SaveChanges(acceptAllChangesOnSuccess);
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
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = restore;
        }
    }

    /// <summary>
    /// A pooled context is disposed when its request's scope ends and then goes back to the pool, where EF resets its own
    /// state (tracked entities, transaction, connection); this resets the state the app keeps on it.
    /// </summary>
    public override void Dispose()
    {
        ResetState();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ResetState();
        return base.DisposeAsync();
    }

    private void ResetState() => Request = null;

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

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<IAppendOnly>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only.");
        }
    }
}
