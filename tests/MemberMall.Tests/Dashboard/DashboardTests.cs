using MemberMall.Features.Dashboard;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Dashboard;

public class DashboardTests
{
    [Fact]
    public async Task The_dashboard_counts_members_new_members_active_staff_and_products()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13711110001");
        app.Clock.Advance(TimeSpan.FromDays(8));
        await app.RegisterAsync(phone: "13711110002");
        await app.StaffAsync("service");

        await using var scope = app.Services.CreateAsyncScope();
        var counts = await scope.ServiceProvider.GetRequiredService<DashboardService>().CountsAsync(CancellationToken.None);

        Assert.Equal(new DashboardCounts(Members: 2, NewMembersLast7Days: 1, ActiveStaff: 2, Products: 0), counts);
    }
}
