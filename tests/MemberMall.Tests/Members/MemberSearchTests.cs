using System.Net;
using MemberMall.Features.Demo;
using MemberMall.Features.Members;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Members;

public class MemberSearchTests
{
    private static async Task<HttpClient> SeededAsync(MallApp app, int members)
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<BulkSeeder>().SeedAsync(new SeedOptions(members), null, CancellationToken.None);
        return await app.AdminAsync();
    }

    private static async Task<long> TotalAsync(HttpClient admin, string query) =>
        (await (await admin.GetAsync("/api/admin/members" + query)).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>();

    [Fact]
    public async Task The_total_of_a_tag_counts_its_members_alone_and_with_other_filters()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await SeededAsync(app, 1_500);
        var (vip, vipWomen) = await app.WithDb(async db => (
            await db.Members.CountAsync(m => m.Tags.Any(t => t.Tag!.Name == "VIP")),
            await db.Members.CountAsync(m => m.Tags.Any(t => t.Tag!.Name == "VIP") && m.Gender == Gender.Female)));
        Assert.InRange(vip, 1, 1_499);

        Assert.Equal(vip, await TotalAsync(admin, "?tag=VIP&sort=-totalSpend"));
        Assert.Equal(vip, await TotalAsync(admin, "?tag=%20VIP%20&page=2&pageSize=5"));
        Assert.Equal(vipWomen, await TotalAsync(admin, "?tag=VIP&gender=Female"));
        Assert.Equal(0, await TotalAsync(admin, "?tag=no-such-tag"));
    }

    [Fact]
    public async Task Following_the_spend_cursor_of_a_tag_visits_each_tagged_member_once_in_order()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await SeededAsync(app, 1_500);
        var expected = await app.WithDb(db => db.Members.Where(m => m.Tags.Any(t => t.Tag!.Name == "母婴人群"))
            .OrderByDescending(m => m.TotalSpendFen).ThenByDescending(m => m.MemberNo).Select(m => m.MemberNo).ToListAsync());

        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var body = await (await admin.GetAsync($"/api/admin/members?tag=母婴人群&sort=-totalSpend&pageSize=7{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .ShouldBe(HttpStatusCode.OK);
            seen.AddRange(body["items"]!.AsArray().Select(i => i.Str("memberNo")));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        Assert.Equal(expected, seen);
    }
}
