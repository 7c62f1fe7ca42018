using MemberMall.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Infrastructure;

/// <summary>The one place exceptions become HTTP answers.</summary>
public sealed class ErrorHandler(ILogger<ErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        switch (exception)
        {
            case RequestValidationException v:
                await Problems.Write(http, 400, v.Code, v.Message, v.Errors);
                return true;
            case DomainException d:
                await Problems.Write(http, d.Status, d.Code, d.Message);
                return true;
            case DbUpdateConcurrencyException:
                await StaleAsync(http);
                return true;
            case DbUpdateException e when e.UniqueViolation() is { } index:
                // Two requests wrote the same row at once (a member's first spend in a category, say): this one kept nothing.
                logger.LogWarning("A concurrent write won on unique index {Index}; {Method} {Path} answered 409", index, http.Request.Method, http.Request.Path);
                await StaleAsync(http);
                return true;
            case Exception e when e.LostToAnother() is { } state:
                // Chosen by the database to give way to another transaction (a deadlock, say): this one kept nothing.
                logger.LogWarning("The database ended the transaction of {Method} {Path} for another's sake (SQLSTATE {State}); answered 409",
                    http.Request.Method, http.Request.Path, state);
                await StaleAsync(http);
                return true;
            case BadHttpRequestException { InnerException: RefusedTextException refused }:
                await Problems.Write(http, 400, refused.Code, refused.Message);
                return true;
            case BadHttpRequestException { StatusCode: 413 }:
                await Problems.Write(http, 413, "request.too_large", $"A request body is at most {RequestGuard.MaxBodyBytes / 1024} KB.");
                return true;
            case BadHttpRequestException bad:
                await Problems.Write(http, bad.StatusCode, bad.StatusCode == 400 ? "request.malformed" : Problems.DefaultCodes.GetValueOrDefault(bad.StatusCode, "request.invalid"),
                    "The request could not be read: check the JSON body and the parameter types.");
                return true;
            case OperationCanceledException when http.RequestAborted.IsCancellationRequested:
                return true;
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                await Problems.Write(http, 500, "server.error", "Something went wrong on our side; the request changed nothing.");
                return true;
        }
    }

    /// <summary>The answer to a request that lost a race with another writer: it changed nothing.</summary>
    private static Task StaleAsync(HttpContext http) =>
        Problems.Write(http, 409, "concurrency.stale", "The record was changed by someone else; reload and try again.");
}
