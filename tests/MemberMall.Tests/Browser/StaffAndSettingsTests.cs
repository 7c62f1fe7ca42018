using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class StaffAndSettingsTests
{
    [Fact]
    public async Task Admin_creates_a_staff_user_and_a_disabled_one_cannot_sign_in()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.ById("nav-staff").ClickAsync();
        await Expect(b.ById("permission-matrix")).ToContainTextAsync("members.pii");

        await b.ById("staff-create").ClickAsync();
        await b.Field("new-staff-username").FillAsync("kefu9");
        await b.Field("new-staff-name").FillAsync("客服小九");
        await b.Field("new-staff-password").FillAsync("short");
        await b.ById("new-staff-save").ClickAsync();
        await Expect(b.Page.Locator(".mud-snackbar")).ToContainTextAsync("密码至少 8 位");

        await b.Field("new-staff-password").FillAsync("staff2026pass");
        await b.ById("new-staff-save").ClickAsync();
        var row = b.Page.Locator("tr", new() { Has = b.Page.GetByText("kefu9", new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("客服小九");
        await Expect(row).ToContainTextAsync("在职");

        await row.GetByTestId("staff-toggle").ClickAsync();
        await Expect(row).ToContainTextAsync("已停用");
        await b.ScreenshotAsync("admin-staff");

        await b.ById("nav-audit").ClickAsync();
        await Expect(b.ById("audit-table")).ToContainTextAsync("创建员工");
        await Expect(b.ById("audit-table")).ToContainTextAsync("修改员工");

        await b.OpenAsync("/admin/login", interactive: false);
        await b.Field("login-name").FillAsync("kefu9");
        await b.Field("login-password").FillAsync("staff2026pass");
        await b.ById("login-submit").ClickAsync();
        await Expect(b.ById("login-error")).ToContainTextAsync("已停用");
    }

    [Fact]
    public async Task Renaming_the_shop_shows_the_new_name_in_the_bar()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.ById("nav-settings").ClickAsync();
        await b.Field("settings-name").FillAsync("小马会员商城");
        await b.ById("settings-save").ClickAsync();
        await Expect(b.Page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");

        await b.OpenAsync("/admin/settings");
        await Expect(b.ById("shop-name")).ToHaveTextAsync("小马会员商城");
        await b.ScreenshotAsync("admin-settings");
    }
}
