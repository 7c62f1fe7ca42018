namespace MemberMall.Components.Shared;

/// <summary>
/// Where the browser connected from, read from the first (static) request. An interactive circuit has no
/// HttpContext of its own, yet every audited write needs the address and user agent.
/// </summary>
public sealed record ClientInfo(string? Ip, string? UserAgent);
