using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Infrastructure.Idempotency;

/// <summary>
/// Makes any <c>POST /api/...</c> sent with an <c>Idempotency-Key</c> header safe to repeat: the first
/// answer is stored (per caller and key) and replayed; the same key with a different request is refused,
/// and a repeat that arrives while the first is still running gets 409. A failed first attempt (5xx or an
/// error raised before an answer) leaves no record, so the client may simply retry.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxStoredBody = 1 << 20;

    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, TimeProvider clock)
    {
        string? key = http.Request.Headers[Header];
        if (key is null || !HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api"))
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

        // The record lives in its own unit of work: the request's DbContext belongs to the handler. The claim is
        // the insert itself; only a key seen before costs a read.
        await using (var s = scopes.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<MallDb>();
            try
            {
                await db.ExecuteAsync("INSERT INTO idempotency_records (scope, key, request_hash, created_at) VALUES (@p0, @p1, @p2, @p3)",
                    http.RequestAborted, SqlArg.Of(scope), SqlArg.Of(key), SqlArg.Of(hash), SqlArg.Of(clock.GetUtcNow()));
            }
            catch (System.Data.Common.DbException e) when (e.UniqueViolation() is not null)
            {
                var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, http.RequestAborted);
                if (existing is null)
                    await Problems.Write(http, 409, "idempotency.in_progress", "A request with this Idempotency-Key is being processed; retry shortly.");
                else
                    await ReplayAsync(http, existing, hash);
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
            await FinishAsync(scopes, scope, key, completed ? http.Response : null, buffer, clock);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private async Task FinishAsync(IServiceScopeFactory scopes, string scope, string key, HttpResponse? response, MemoryStream body, TimeProvider clock)
    {
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<MallDb>();
        if (response is null || body.Length > MaxStoredBody)
            await db.ExecuteAsync("DELETE FROM idempotency_records WHERE scope = @p0 AND key = @p1", CancellationToken.None, SqlArg.Of(scope), SqlArg.Of(key));
        else
            await db.ExecuteAsync("UPDATE idempotency_records SET status_code = @p0, content_type = @p1, body = @p2, completed_at = @p3 WHERE scope = @p4 AND key = @p5",
                CancellationToken.None, SqlArg.Of<int?>(response.StatusCode), SqlArg.Of(response.ContentType), SqlArg.Of(body.ToArray()),
                SqlArg.Of<DateTimeOffset?>(clock.GetUtcNow()), SqlArg.Of(scope), SqlArg.Of(key));
        logger.LogDebug("Idempotency record {Key} finished with {Status}", key, response?.StatusCode);
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
