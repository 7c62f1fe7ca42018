using System.Security.Cryptography;
using System.Text;

namespace MemberMall.Features.Accounts;

/// <summary>Which staff permissions each API key scope grants. A key carries exactly the permissions of its scopes.</summary>
public static class ApiKeyScopes
{
    public const string Role = "apikey";
    public const string ClaimPermission = "mm.permission";
    public const string ClaimScope = "mm.scope";
    public const string Header = "X-Api-Key";

    public static readonly IReadOnlyDictionary<string, string> Permission = new Dictionary<string, string>
    {
        ["members:read"] = Permissions.MembersRead,
        ["members:write"] = Permissions.MembersWrite,
        ["orders:read"] = Permissions.OrdersRead,
        ["orders:write"] = Permissions.OrdersWrite,
        ["points:write"] = Permissions.PointsWrite,
        ["catalog:read"] = Permissions.CatalogRead,
        ["catalog:write"] = Permissions.CatalogWrite,
        ["webhooks:manage"] = Permissions.WebhooksManage,
        ["reports:read"] = Permissions.ReportsRead,
    };

    /// <summary>A new secret: <c>mk_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() => "mk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
