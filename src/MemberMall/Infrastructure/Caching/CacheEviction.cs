using System.Data.Common;
using System.Runtime.CompilerServices;
using MemberMall.Features.Accounts;
using MemberMall.Features.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MemberMall.Infrastructure.Caching;

/// <summary>
/// Drops what <see cref="SessionCache"/> and <see cref="MemberTierCache"/> hold for every account, session or
/// member tier a save changes: before the write, after it, and again when the transaction it ran in commits.
/// </summary>
public sealed class CacheEviction(SessionCache sessions, MemberTierCache tiers)
{
    private sealed record Changed(List<Guid> Accounts, List<Guid> Members);

    private readonly ConditionalWeakTable<DbContext, Changed> _pending = new();

    internal void Saving(DbContext? context)
    {
        if (context is null) return;
        var changed = new Changed([], []);
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (e.Entity)
            {
                case AuthSession s when e.State != EntityState.Added: changed.Accounts.Add(s.AccountId); break;
                case Account a when e.State != EntityState.Added: changed.Accounts.Add(a.Id); break;
                case MemberTier t: changed.Members.Add(t.MemberId); break;
            }
        }
        if (changed.Accounts.Count == 0 && changed.Members.Count == 0) return;
        Evict(changed);
        if (_pending.TryGetValue(context, out var earlier))
        {
            earlier.Accounts.AddRange(changed.Accounts);
            earlier.Members.AddRange(changed.Members);
        }
        else _pending.AddOrUpdate(context, changed);
    }

    /// <summary>After a save; outside a transaction this is the commit.</summary>
    internal void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var changed)) return;
        Evict(changed);
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    /// <summary>The transaction ended, committed or not.</summary>
    internal void Ended(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var changed)) return;
        _pending.Remove(context);
        Evict(changed);
    }

    private void Evict(Changed changed)
    {
        sessions.Evict(changed.Accounts);
        tiers.Evict(changed.Members);
    }
}

public sealed class CacheEvictionSaveInterceptor(CacheEviction eviction) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        eviction.Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        eviction.Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        eviction.Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        eviction.Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => eviction.Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        eviction.Saved(eventData.Context);
        return Task.CompletedTask;
    }
}

public sealed class CacheEvictionTransactionInterceptor(CacheEviction eviction) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => eviction.Ended(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        eviction.Ended(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => eviction.Ended(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        eviction.Ended(eventData.Context);
        return Task.CompletedTask;
    }
}
