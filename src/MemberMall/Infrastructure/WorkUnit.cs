using Microsoft.EntityFrameworkCore.Storage;

namespace MemberMall.Infrastructure;

/// <summary>
/// A unit of work on a <see cref="MallDb"/>: one transaction, the changes saved with one <c>SaveChangesAsync</c>, then
/// the commit. Inside a request that already holds a transaction (<see cref="RequestTransaction"/>: a POST with an
/// <c>Idempotency-Key</c> on PostgreSQL) the unit is a savepoint of it: its commit leaves the work for the request to
/// commit together with the stored answer, and its rollback (or its disposal without a commit) undoes its own work only.
/// </summary>
public sealed class WorkUnit : IAsyncDisposable
{
    private readonly MallDb _db;
    private readonly IDbContextTransaction _tx;
    private readonly RequestTransaction? _request;
    private readonly string? _savepoint;
    private List<Action>? _afterCommit;
    private bool _ended;

    private WorkUnit(MallDb db, IDbContextTransaction tx, RequestTransaction? request, string? savepoint) =>
        (_db, _tx, _request, _savepoint) = (db, tx, request, savepoint);

    internal static async Task<WorkUnit> BeginAsync(MallDb db, CancellationToken ct)
    {
        if (db.Request is { } request && db.Database.CurrentTransaction is { } outer)
        {
            var savepoint = request.NextSavepoint();
            await outer.CreateSavepointAsync(savepoint, ct);
            return new WorkUnit(db, outer, request, savepoint);
        }
        return new WorkUnit(db, await db.Database.BeginTransactionAsync(ct), null, null);
    }

    /// <summary>Saves the unit's changes and commits.</summary>
    public async Task SaveAndCommitAsync(CancellationToken ct)
    {
        await _db.SaveChangesAsync(ct);
        await CommitAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        End();
        if (_request is not null)
        {
            foreach (var action in _afterCommit ?? []) _request.AfterCommit(action);
            return;
        }
        await _tx.CommitAsync(ct);
        foreach (var action in _afterCommit ?? []) action();
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (_ended) return;
        End();
        if (_request is not null) await _tx.RollbackToSavepointAsync(_savepoint!, ct);
        else await _tx.RollbackAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the work is committed for good: at this unit's commit, or, when it is a part
    /// of the request's transaction, at the request's. Work that is rolled back never runs it.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    private void End()
    {
        if (_ended) throw new InvalidOperationException("This unit of work has ended.");
        _ended = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_request is null)
        {
            _ended = true;
            await _tx.DisposeAsync();
            return;
        }
        if (_ended) return;
        _ended = true;
        try
        {
            await _tx.RollbackToSavepointAsync(_savepoint!, CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // The connection failed under the unit: the request's transaction can only be rolled back now, and the
            // error that ended the unit is the one to report.
            _request.Break();
        }
    }
}

/// <summary>
/// The transaction a whole request runs in: the idempotency middleware opens it with the record that claims the key,
/// the handler's units of work join it as savepoints, and the middleware commits the stored answer together with the
/// work. Lives on the context (<see cref="MallDb.Request"/>) for the request, and is gone when the pooled context is reset.
/// </summary>
public sealed class RequestTransaction
{
    private readonly List<Action> _afterCommit = [];
    private int _savepoints;

    internal string NextSavepoint() => "unit_" + (++_savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Whether a unit's rollback failed, so that the request's transaction can only be rolled back.</summary>
    public bool IsBroken { get; private set; }

    internal void Break() => IsBroken = true;

    /// <summary>Runs what the request's units left for the commit; the caller has committed.</summary>
    public void Committed()
    {
        foreach (var action in _afterCommit) action();
        _afterCommit.Clear();
    }
}

public static class WorkUnits
{
    /// <summary>Begins a unit of work: a transaction of its own, or a savepoint of the request's (see <see cref="WorkUnit"/>).</summary>
    public static Task<WorkUnit> BeginWorkAsync(this MallDb db, CancellationToken ct) => WorkUnit.BeginAsync(db, ct);
}
