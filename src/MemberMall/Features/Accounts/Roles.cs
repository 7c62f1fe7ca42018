using System.Security.Claims;

namespace MemberMall.Features.Accounts;

public static class Roles
{
    public const string Member = "member";
    public const string Admin = "admin";
    public const string Operations = "operations";
    public const string Service = "service";
    public const string Finance = "finance";
    public const string Analyst = "analyst";

    public static readonly string[] Staff = [Admin, Operations, Service, Finance, Analyst];

    public static bool IsStaffRole(string? role) => role is not null && Staff.Contains(role);
}

/// <summary>
/// The permission matrix. Every staff endpoint and admin screen asks for one permission by name;
/// roles are only bundles of permissions, so the matrix is the single place to read who may do what.
/// </summary>
public static class Permissions
{
    public const string DashboardRead = "dashboard.read";
    public const string MembersRead = "members.read";
    public const string MembersWrite = "members.write";
    public const string MembersPii = "members.pii";
    public const string MembersExport = "members.export";
    public const string CatalogRead = "catalog.read";
    public const string CatalogWrite = "catalog.write";
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string FinanceWrite = "finance.write";
    public const string ReportsRead = "reports.read";
    public const string StaffManage = "staff.manage";
    public const string AuditRead = "audit.read";
    public const string SettingsWrite = "settings.write";
    public const string JobsRun = "jobs.run";
    public const string WebhooksManage = "webhooks.manage";
    public const string PointsWrite = "points.write";
    public const string MarketingWrite = "marketing.write";

    public static readonly string[] All =
    [
        DashboardRead, MembersRead, MembersWrite, MembersPii, MembersExport, CatalogRead, CatalogWrite,
        OrdersRead, OrdersWrite, PointsWrite, FinanceWrite, ReportsRead, StaffManage, AuditRead, SettingsWrite, JobsRun, WebhooksManage, MarketingWrite,
    ];

    public static readonly IReadOnlyDictionary<string, string[]> ByRole = new Dictionary<string, string[]>
    {
        [Roles.Admin] = All,
        [Roles.Operations] = [DashboardRead, MembersRead, MembersWrite, PointsWrite, MembersExport, CatalogRead, CatalogWrite, OrdersRead, OrdersWrite, ReportsRead, MarketingWrite],
        [Roles.Service] = [DashboardRead, MembersRead, MembersWrite, PointsWrite, MembersPii, CatalogRead, OrdersRead, OrdersWrite],
        [Roles.Finance] = [DashboardRead, MembersRead, CatalogRead, OrdersRead, FinanceWrite, ReportsRead],
        [Roles.Analyst] = [DashboardRead, MembersRead, MembersExport, CatalogRead, OrdersRead, ReportsRead],
    };

    public static bool RoleHas(string? role, string permission) =>
        role is not null && ByRole.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>A staff member has what their role grants; an API key what its scopes grant (<see cref="ApiKeyScopes"/>).</summary>
    public static bool Has(this ClaimsPrincipal user, string permission) => user.FindFirstValue(ClaimTypes.Role) is var role && role == ApiKeyScopes.Role
        ? user.HasClaim(ApiKeyScopes.ClaimPermission, permission)
        : RoleHas(role, permission);
}
