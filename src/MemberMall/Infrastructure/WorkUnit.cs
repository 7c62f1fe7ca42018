using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberMall.Infrastructure;

/// <summary>
/// A unit of work on a <see cref="MallDb"/>. Alone it is a transaction of its own. Inside a request that already
/// holds one (a <see cref="RequestUnit"/>: a POST with an <c>Idempotency-Key</c> on PostgreSQL) it is a part of
/// that transaction, opened at a savepoint: committing it leaves its work for the request to commit together with
/// the idempotency record, and rolling it back (or leaving it without a commit) undoes its own work only.
/// A save that fails inside a unit ends it: the unit's rollback undoes the whole of it. So its saves need no
/// savepoint of their own, and EF's (two statements around every save in a transaction) is off while the unit lasts.
/// </summary>
public sealed class WorkUnit : IAsyncDisposable
{
    private readonly MallDb _db;
    private readonly IDbContextTransaction? _own;
    private readonly RequestUnit? _request;
    private readonly string? _savepoint;
    private readonly bool _savepoints;
    private List<Action>? _afterCommit;
    private bool _ended;

    private WorkUnit(MallDb db, IDbContextTransaction? own, RequestUnit? request, string? savepoint)
    {
        (_db, _own, _request, _savepoint) = (db, own, request, savepoint);
        _savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
    }

    internal static async Task<WorkUnit> BeginAsync(MallDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } current && RequestUnit.Of(current) is { } request)
            return new WorkUnit(db, null, request, await request.SavepointAsync(ct));
        return new WorkUnit(db, await db.Database.BeginTransactionAsync(ct), null, null);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_db.QueuedForNextSave is not null) throw new InvalidOperationException("Statements meant to go with a save were never sent.");
        End();
        if (_request is not null)
        {
            foreach (var action in _afterCommit ?? []) _request.AfterCommit(action);
            return;
        }
        await _own!.CommitAsync(ct);
        foreach (var action in _afterCommit ?? []) action();
    }

    /// <summary>
    /// Saves the unit's changes and commits, as <c>SaveChangesAsync</c> and <see cref="CommitAsync"/>. On
    /// PostgreSQL a unit that is a transaction of its own sends its <c>COMMIT</c> with the save's batch: one round trip
    /// instead of two. The database checks the saved rows' versions itself, so the batch either commits whole or fails
    /// whole (<see cref="SaveBatchInterceptor"/>); a save it cannot check whole commits on its own.
    /// </summary>
    public async Task SaveAndCommitAsync(CancellationToken ct)
    {
        // Rows added or removed are known without a scan for changes, and the save at the request's commit scans anyway. A
        // unit that only changed rows it read is not seen here: it saves now, inside the request's transaction.
        if (_request is { SavesWithAnswer: true } && _db.WithoutScan(t => t.HasChanges()))
        {
            // The request's commit saves: its answer and COMMIT go with this unit's batch (see RequestUnit.CommitAsync).
            End(keepQueued: true);
            _request.SaveAtCommit();
            foreach (var action in _afterCommit ?? []) _request.AfterCommit(action);
            return;
        }
        if (_own is null || !_db.IsPostgres)
        {
            await _db.SaveChangesAsync(ct);
            await CommitAsync(ct);
            return;
        }
        if (_ended) throw new InvalidOperationException("This unit of work has ended.");
        if (!await _db.SaveWithCommitAsync(ct))
        {
            // Nothing was saved, or the save was one the database cannot check whole (see MallDb.EveryWriteChecked).
            await CommitAsync(ct);
            return;
        }
        End();
        await _own.DisposeAsync();
        foreach (var action in _afterCommit ?? []) action();
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (_ended) return;
        End();
        if (_request is not null) await _request.RollbackToAsync(_savepoint!, ct);
        else await _own!.RollbackAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the work is committed for good: at this unit's commit, or, when it is a
    /// part of the request's transaction, at the request's. Work that is rolled back never runs it.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    /// <summary>
    /// Marks the unit ended, gives the context back its savepoints setting and forgets statements the unit left waiting
    /// for a save (<see cref="MallDb.SendWithNextSave"/>).
    /// </summary>
    private void End(bool keepQueued = false)
    {
        if (_ended) throw new InvalidOperationException("This unit of work has ended.");
        _ended = true;
        _db.Database.AutoSavepointsEnabled = _savepoints;
        if (!keepQueued) _db.ForgetQueuedForNextSave();
    }

    public async ValueTask DisposeAsync()
    {
        if (_request is not null)
        {
            if (!_ended)
            {
                End();
                try
                {
                    await _request.RollbackToAsync(_savepoint!, CancellationToken.None);
                }
                catch (DbException)
                {
                    // The connection failed under the unit: the request's transaction cannot be committed any more,
                    // and the error that ended the unit is the one to report.
                    _request.Break();
                }
            }
            return;
        }
        if (!_ended) End();
        await _own!.DisposeAsync();
    }
}

/// <summary>
/// The transaction a whole request runs in. The idempotency middleware opens it with the record that claims the
/// key, lets the handler's units of work join it, and commits the answer together with the work, so a key is
/// either answered and stored or never happened; a repeat that arrives meanwhile waits for the claim and replays.
/// </summary>
public sealed class RequestUnit : IAsyncDisposable
{
    private static readonly ConditionalWeakTable<DbTransaction, RequestUnit> Open = new();
    private readonly MallDb _db;
    private readonly Caching.CacheEviction _eviction;
    private readonly IDbContextTransaction _tx;
    private readonly List<Action> _afterCommit = [];
    private int _savepoints;
    private bool _firstSavepointReady;
    private bool _ended;

    private RequestUnit(MallDb db, Caching.CacheEviction eviction, IDbContextTransaction tx) => (_db, _eviction, _tx) = (db, eviction, tx);

    /// <param name="eviction">Evicts the caches the request's saves changed again when it commits.</param>
    /// <param name="savesWithAnswer">See <see cref="SavesWithAnswer"/>.</param>
    public static async Task<RequestUnit> BeginAsync(MallDb db, Caching.CacheEviction eviction, bool savesWithAnswer, CancellationToken ct)
    {
        var unit = new RequestUnit(db, eviction, await db.Database.BeginTransactionAsync(ct)) { SavesWithAnswer = savesWithAnswer };
        Open.AddOrUpdate(unit._tx.GetDbTransaction(), unit);
        return unit;
    }

    internal static RequestUnit? Of(IDbContextTransaction tx) => Open.TryGetValue(tx.GetDbTransaction(), out var unit) && !unit._ended ? unit : null;

    /// <summary>
    /// The statement that opens the first unit's savepoint, for the caller to send with its own first statement
    /// (one round trip for both); the first unit that joins then finds its savepoint made.
    /// </summary>
    public string FirstSavepointSql()
    {
        _firstSavepointReady = true;
        return "SAVEPOINT " + Name(1);
    }

    internal async Task<string> SavepointAsync(CancellationToken ct)
    {
        if (_saveAtCommit) throw new InvalidOperationException("A unit of work began after the request's save was left to its commit.");
        var name = Name(++_savepoints);
        if (_savepoints == 1 && _firstSavepointReady) return name;
        await _db.ExecuteAsync("SAVEPOINT " + name, ct);
        return name;
    }

    internal Task RollbackToAsync(string savepoint, CancellationToken ct) => _db.ExecuteAsync("ROLLBACK TO SAVEPOINT " + savepoint, ct);

    internal void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>
    /// Whether the endpoint's handler does no database work after its unit of work's save
    /// (<see cref="Idempotency.SavedWithAnswer"/>): the save is then left to <see cref="CommitAsync"/>, which sends it with
    /// the stored answer and the <c>COMMIT</c>, one round trip for all three. PostgreSQL only.
    /// </summary>
    public bool SavesWithAnswer { get; init; }

    private bool _saveAtCommit;

    /// <summary>A unit's save waits for the commit (<see cref="SavesWithAnswer"/>).</summary>
    internal void SaveAtCommit() => _saveAtCommit = true;

    /// <summary>Whether a unit's rollback failed, so that the request's transaction can only be rolled back.</summary>
    public bool IsBroken { get; private set; }

    internal void Break() => IsBroken = true;

    /// <summary>
    /// Commits the request's transaction, after <paramref name="lastStatement"/> when one is given. On PostgreSQL the
    /// statement and the <c>COMMIT</c> go in one command, one round trip; when the statement fails, PostgreSQL skips the
    /// <c>COMMIT</c> and the transaction is rolled back at disposal.
    /// </summary>
    public async Task CommitAsync(CancellationToken ct, string? lastStatement = null, params SqlArg[] args)
    {
        _ended = true;
        if (_saveAtCommit)
        {
            await SaveWithAnswerAsync(lastStatement, args, ct);
            foreach (var action in _afterCommit) action();
            return;
        }
        if (lastStatement is not null && _db.IsPostgres)
        {
            await _db.ExecuteAsync(lastStatement + "; COMMIT", ct, args);
            await _tx.DisposeAsync();
            // A commit EF does not see: what its transaction interceptor does at a commit is done here.
            _eviction.Ended(_db);
        }
        else
        {
            if (lastStatement is not null) await _db.ExecuteAsync(lastStatement, ct, args);
            await _tx.CommitAsync(ct);
        }
        foreach (var action in _afterCommit) action();
    }

    /// <summary>
    /// The unit's save, then <paramref name="lastStatement"/> and the <c>COMMIT</c>, in one batch. A failed statement fails
    /// the save, and PostgreSQL skips the rest; the error goes to the caller and the transaction is rolled back at
    /// disposal. A save the database cannot check whole (see <see cref="MallDb"/>) commits after EF's checks instead.
    /// </summary>
    private async Task SaveWithAnswerAsync(string? lastStatement, SqlArg[] args, CancellationToken ct)
    {
        if (lastStatement is not null) _db.SendWithNextSave(lastStatement, args);
        var savepoints = _db.Database.AutoSavepointsEnabled;
        _db.Database.AutoSavepointsEnabled = false;
        bool sent;
        try
        {
            sent = await _db.SaveWithCommitAsync(ct);
        }
        finally
        {
            _db.Database.AutoSavepointsEnabled = savepoints;
        }
        if (sent) await _tx.DisposeAsync();
        else await _tx.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _ended = true;
        _db.ForgetQueuedForNextSave();
        await _tx.DisposeAsync();
    }

    private static string Name(int n) => "work_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public static class WorkUnits
{
    /// <summary>Begins a unit of work: a transaction of its own, or a part of the request's (see <see cref="WorkUnit"/>).</summary>
    public static Task<WorkUnit> BeginWorkAsync(this MallDb db, CancellationToken ct) => WorkUnit.BeginAsync(db, ct);
}
