using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Dashboard;

public sealed record DashboardCounts(int Members, int NewMembersLast7Days, int ActiveStaff, int Products);

/// <summary>The admin home page's figures, counted from the tables as they are now.</summary>
public sealed class DashboardService(MallDb db, TimeProvider clock)
{
    public static readonly TimeSpan NewMemberWindow = TimeSpan.FromDays(7);

    public async Task<DashboardCounts> CountsAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow() - NewMemberWindow;
        return new DashboardCounts(
            await db.Members.CountAsync(ct),
            await db.Members.CountAsync(m => m.RegisteredAt >= since, ct),
            await db.Users.CountAsync(a => a.Kind == AccountKind.Staff && a.DisabledAt == null, ct),
            await db.Products.CountAsync(ct));
    }
}
