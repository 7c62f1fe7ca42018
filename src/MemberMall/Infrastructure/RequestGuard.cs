using Microsoft.AspNetCore.Http.Features;

namespace MemberMall.Infrastructure;

/// <summary>
/// Refuses, before anything reads them, requests no feature could serve: a body larger than
/// <see cref="MaxBodyBytes"/> (413 <c>request.too_large</c>), and a NUL character in the query string or a posted form
/// (400 <c>request.nul_character</c>), which PostgreSQL cannot store or compare. The server itself refuses NUL in a
/// path; NUL inside JSON bodies is refused where JSON strings are read (<see cref="BoundedTextConverter"/>).
/// </summary>
public sealed class RequestGuard(RequestDelegate next)
{
    /// <summary>The largest body the app takes: far above any form or order, far below what would tie up memory.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await Problems.Write(http, 413, "request.too_large", $"A request body is at most {MaxBodyBytes / 1024} KB.");
            return;
        }
        if (request.Query.Any(q => HasNul(q.Key) || q.Value.Any(HasNul))
            || (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                && (await request.ReadFormAsync(http.RequestAborted)).Any(f => HasNul(f.Key) || f.Value.Any(HasNul))))
        {
            await Problems.Write(http, 400, "request.nul_character", "Text may not contain the NUL character.");
            return;
        }
        await next(http);
    }

    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
