using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

public class CultureTests
{
    [Fact]
    public async Task Pages_speak_Chinese_unless_the_visitor_or_the_shop_chose_English()
    {
        await using var app = await MallApp.StartAsync();
        var visitor = app.Anonymous();
        Assert.Contains("<html lang=\"zh-CN\"", await visitor.GetStringAsync("/login"));
        Assert.Contains("<html lang=\"en\"", await visitor.GetStringAsync("/login?culture=en"));

        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync("/api/admin/settings", new { name = "MemberMall", currency = "CNY", timeZone = "Asia/Shanghai", defaultCulture = "en" }))
            .EnsureSuccessStatusCode();
        var html = await visitor.GetStringAsync("/login");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Member sign-in", html);
    }
}
