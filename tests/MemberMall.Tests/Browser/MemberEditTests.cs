using System.Net.Http.Json;
using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class MemberEditTests
{
    [Fact]
    public async Task Saving_over_someone_elses_change_says_so_and_offers_the_latest_values()
    {
        await using var b = await MallBrowser.StartAsync();
        var (id, _) = await b.App.RegisterAsync(phone: "13512345678", name: "原名");
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.OpenAsync($"/admin/members/{id}");
        await b.ById("member-edit").ClickAsync();
        await b.Field("edit-name").FillAsync("我改的名字");

        var api = await b.App.AdminAsync();
        var version = (await (await api.GetAsync($"/api/admin/members/{id}")).ShouldBe(System.Net.HttpStatusCode.OK))["version"]!.GetValue<long>();
        (await api.PatchAsJsonAsync($"/api/admin/members/{id}", new { version, name = "别人改的" })).EnsureSuccessStatusCode();

        await b.ById("edit-save").ClickAsync();
        await Expect(b.ById("stale-alert")).ToBeVisibleAsync();
        await b.ScreenshotAsync("admin-member-stale");
        await b.ById("load-latest").ClickAsync();
        await Expect(b.Field("edit-name")).ToHaveValueAsync("别人改的");

        await b.Field("edit-name").FillAsync("最终名字");
        await b.ById("edit-save").ClickAsync();
        await Expect(b.ById("member-detail-name")).ToHaveTextAsync("最终名字");

        await b.ById("nav-audit").ClickAsync();
        await Expect(b.ById("audit-table")).ToContainTextAsync("修改会员资料");
    }
}
