using Microsoft.AspNetCore.Mvc;

namespace MemberMall.Infrastructure;

/// <summary>Writes RFC 9457 problem responses that always carry a stable <c>code</c>.</summary>
public static class Problems
{
    public static readonly IReadOnlyDictionary<int, string> DefaultCodes = new Dictionary<int, string>
    {
        [400] = "validation.failed",
        [401] = "auth.unauthenticated",
        [403] = "auth.forbidden",
        [404] = "not_found",
        [405] = "method_not_allowed",
        [409] = "conflict",
        [415] = "unsupported_media_type",
        [422] = "rule.violated",
        [429] = "rate_limited",
        [500] = "server.error",
    };

    public static async Task Write(HttpContext http, int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        http.Response.StatusCode = status;
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    /// <summary>Fills in title, code and trace id on every problem the app writes, the framework's own included.</summary>
    public static void Customize(ProblemDetailsContext ctx)
    {
        var p = ctx.ProblemDetails;
        var status = p.Status ?? ctx.HttpContext.Response.StatusCode;
        if (!p.Extensions.ContainsKey("code"))
            p.Extensions["code"] = DefaultCodes.TryGetValue(status, out var c) ? c : "error";
        p.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
    }
}
