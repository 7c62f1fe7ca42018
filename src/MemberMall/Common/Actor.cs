using System.Security.Claims;

namespace MemberMall.Common;

/// <summary>Who is acting and from where; passed into every service call that writes the audit log.</summary>
public sealed record Actor(Guid? Id, string Name, string? Role, string? Ip, string? UserAgent)
{
    public static readonly Actor System = new(null, "system", null, null, null);

    public static Actor From(ClaimsPrincipal user, string? ip, string? userAgent) => new(
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        user.Identity?.Name ?? "anonymous",
        user.FindFirstValue(ClaimTypes.Role),
        ip,
        userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);

    public static Actor From(HttpContext http) => From(http.User,
        http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
}
