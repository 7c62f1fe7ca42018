using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MemberMall.Features.Webhooks;

/// <summary>The pure rules: event types, signing (Standard Webhooks), the retry schedule, which addresses are public.</summary>
public static class WebhookRules
{
    public const int UrlMax = 500;
    public const string Ping = "webhook.ping";

    public static readonly string[] EventTypes =
    [
        "member.created", "member.updated", "order.created", "order.paid", "order.shipped", "order.completed", "order.cancelled",
        "order.refunded", "points.changed", "tier.changed", "stock.low",
    ];

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c> per secret, space-separated.</summary>
    public static string Signature(string id, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret =>
        {
            var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
            return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        }));

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): base × 2^(attempt−1), at most 6 hours, then
    /// ±20 % jitter (<paramref name="jitter"/> in [0, 1)) so endpoints that failed together do not retry together.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, double baseSeconds, double jitter)
    {
        var seconds = Math.Min(baseSeconds * Math.Pow(2, Math.Min(attempt - 1, 30)), 6 * 3600);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * jitter));
    }

    /// <summary>A URL's shape: absolute http(s) with a host, no user info; https only unless private addresses are allowed.</summary>
    public static string? ShapeProblem(string url, bool allowPrivate)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || string.IsNullOrEmpty(uri.Host)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "webhook.url_invalid";
        if (!allowPrivate && uri.Scheme != Uri.UriSchemeHttps) return "webhook.url_not_https";
        return null;
    }

    /// <summary>True for an address on the public internet: not loopback, private, link-local, shared, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)     // shared (CGNAT)
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var v6 = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC
            || address.IsIPv4MappedToIPv6 || address.IsIPv6Teredo || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8)
            || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b));
    }
}
