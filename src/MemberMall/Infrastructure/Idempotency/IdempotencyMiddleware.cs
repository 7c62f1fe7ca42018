using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Infrastructure.Idempotency;

/// <summary>
/// Makes any <c>POST /api/...</c> sent with an <c>Idempotency-Key</c> header safe to repeat: the first
/// answer is stored (per caller and key) and replayed; the same key with a different request is refused.
/// On PostgreSQL the claim, the work and the stored answer commit together, and a repeat that arrives while the
/// first is still running waits for it and replays its answer; on SQLite that repeat gets 409. A failed first
/// attempt (5xx or an error raised before an answer) leaves no record, so the client may simply retry.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxStoredBody = 1 << 20;

    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, TimeProvider clock)
    {
        string? key = http.Request.Headers[Header];
        if (key is null || !HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api")
            || http.GetEndpoint()?.Metadata.GetMetadata<AnswerHoldsSecrets>() is not null)
        {
            await next(http);
            return;
        }
        if (key.Length is 0 or > 100)
        {
            await Problems.Write(http, 400, "idempotency.key_invalid", "Idempotency-Key must be 1–100 characters.");
            return;
        }

        var scope = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var hash = await RequestHashAsync(http);
        var db = http.RequestServices.GetRequiredService<MallDb>();
        if (db.Database.IsNpgsql()) await InRequestTransactionAsync(http, db, scope, key, hash, clock);
        else await WithSeparateRecordAsync(http, scopes, scope, key, hash, clock);
    }

    /// <summary>
    /// PostgreSQL: the claim, the handler's work and the stored answer are one transaction. A repeat that arrives
    /// meanwhile waits on the claimed key and then replays the answer; a request that fails leaves nothing behind,
    /// not even its claim.
    /// </summary>
    private async Task InRequestTransactionAsync(HttpContext http, MallDb db, string scope, string key, string hash, TimeProvider clock)
    {
        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        if (!await ClaimAsync(db, scope, key, hash, clock, http.RequestAborted))
        {
            await tx.RollbackAsync(http.RequestAborted);
            await ReplayExistingAsync(http, db, scope, key, hash, clock);
            return;
        }
        var request = new RequestTransaction();
        db.Request = request;
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
            if (http.Response.StatusCode < 500 && !request.IsBroken)
            {
                await RecordAsync(db, scope, key, http.Response, buffer, clock);
                await tx.CommitAsync(CancellationToken.None);
                request.Committed();
            }
        }
        finally
        {
            db.Request = null;
            http.Response.Body = original;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    /// <summary>
    /// SQLite has one writer at a time: a transaction held for the whole request would make the request wait on
    /// its own writes in other units (a risk flag). The claim and the answer are written on their own there.
    /// </summary>
    private async Task WithSeparateRecordAsync(HttpContext http, IServiceScopeFactory scopes, string scope, string key, string hash, TimeProvider clock)
    {
        await using (var s = scopes.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<MallDb>();
            if (!await ClaimAsync(db, scope, key, hash, clock, http.RequestAborted))
            {
                await ReplayExistingAsync(http, db, scope, key, hash, clock);
                return;
            }
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(http);
            completed = http.Response.StatusCode < 500;
        }
        finally
        {
            http.Response.Body = original;
            await using (var s = scopes.CreateAsyncScope())
            {
                var db = s.ServiceProvider.GetRequiredService<MallDb>();
                if (completed) await RecordAsync(db, scope, key, http.Response, buffer, clock);
                else await Claimed(db, scope, key).ExecuteDeleteAsync(CancellationToken.None);
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    /// <summary>Claims the key; false when it is claimed already (on PostgreSQL after the claim's transaction has ended).</summary>
    private static async Task<bool> ClaimAsync(MallDb db, string scope, string key, string hash, TimeProvider clock, CancellationToken ct)
    {
        var claim = new IdempotencyRecord { Scope = scope, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
        db.IdempotencyRecords.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.UniqueViolation() is not null)
        {
            return false;
        }
        finally
        {
            // The handler's own units of work must not see or save the claim.
            db.Entry(claim).State = EntityState.Detached;
        }
    }

    private static IQueryable<IdempotencyRecord> Claimed(MallDb db, string scope, string key) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key);

    /// <summary>
    /// A claim without an answer this old belongs to a request that died between its work and its answer (a
    /// process stopped mid-request on SQLite, where the two are committed apart): no request runs that long.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    private static async Task ReplayExistingAsync(HttpContext http, MallDb db, string scope, string key, string hash, TimeProvider clock)
    {
        var existing = await Claimed(db, scope, key).AsNoTracking().SingleOrDefaultAsync(http.RequestAborted);
        if (existing is { StatusCode: null } && existing.CreatedAt < clock.GetUtcNow() - AbandonedAfter)
        {
            // Released for the next try, which runs the request again; only this claim, if nobody took it meanwhile.
            var createdAt = existing.CreatedAt;
            await Claimed(db, scope, key).Where(r => r.StatusCode == null && r.CreatedAt == createdAt).ExecuteDeleteAsync(http.RequestAborted);
            existing = null;
        }
        if (existing is null)
            await Problems.Write(http, 409, "idempotency.in_progress", "A request with this Idempotency-Key is being processed; retry shortly.");
        else
            await ReplayAsync(http, existing, hash);
    }

    /// <summary>Stores the answer with its key; an answer too large to keep removes the claim instead.</summary>
    private async Task RecordAsync(MallDb db, string scope, string key, HttpResponse response, MemoryStream body, TimeProvider clock)
    {
        logger.LogDebug("Idempotency record {Key} finished with {Status}", key, response.StatusCode);
        if (body.Length > MaxStoredBody)
        {
            await Claimed(db, scope, key).ExecuteDeleteAsync(CancellationToken.None);
            return;
        }
        var (status, type, bytes, now) = ((int?)response.StatusCode, response.ContentType, body.ToArray(), (DateTimeOffset?)clock.GetUtcNow());
        await Claimed(db, scope, key).ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, type)
            .SetProperty(r => r.Body, bytes).SetProperty(r => r.CompletedAt, now), CancellationToken.None);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            await Problems.Write(http, 422, "idempotency.key_reused", "This Idempotency-Key was used for a different request.");
            return;
        }
        if (record.StatusCode is null)
        {
            await Problems.Write(http, 409, "idempotency.in_progress", "A request with this Idempotency-Key is being processed; retry shortly.");
            return;
        }
        http.Response.StatusCode = record.StatusCode.Value;
        if (record.ContentType is not null) http.Response.ContentType = record.ContentType;
        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (record.Body is { Length: > 0 }) await http.Response.Body.WriteAsync(record.Body, http.RequestAborted);
    }

    private static async Task<string> RequestHashAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(http.Request.Path + http.Request.QueryString + "\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
