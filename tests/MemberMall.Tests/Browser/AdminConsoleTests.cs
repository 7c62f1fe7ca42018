using System.Net.Http.Json;
using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class AdminConsoleTests
{
    [Fact]
    public async Task Admin_signs_in_and_finds_a_newly_registered_member_with_the_full_phone_number()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.App.RegisterAsync(phone: "13912345678", name: "测试会员甲");
        var staff = await b.App.AdminAsync();
        var earbuds = await staff.ProductAsync("无线蓝牙耳机", 199m, 5, await staff.CategoryAsync("数码"));
        var shopper = await b.App.SignInAsync("13912345678");
        await b.App.PaidOrderAsync(shopper, await shopper.AddressAsync(), (earbuds, 1));

        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await Expect(b.ById("stat-members-value")).ToHaveTextAsync("1");
        await b.ById("nav-members").ClickAsync();

        var table = b.ById("members-table");
        await Expect(table).ToContainTextAsync("测试会员甲");
        await Expect(b.ById("member-phone").First).ToHaveTextAsync("13912345678");
        await b.ScreenshotAsync("admin-members");
        await b.Field("members-search").FillAsync("没有这个人");
        await Expect(b.ById("members-empty")).ToBeVisibleAsync();
        await b.Field("members-search").FillAsync("13912345678");
        await Expect(b.ById("member-name")).ToHaveTextAsync("测试会员甲");

        await b.ById("member-name").First.ClickAsync();
        await Expect(b.ById("member-detail-phone")).ToHaveTextAsync("13912345678");
        await Expect(b.ById("member-stats")).ToContainTextAsync("偏好品类");
        await Expect(b.ById("favourite-category")).ToHaveTextAsync("数码");
        await b.Field("tag-input").FillAsync("回头客");
        await b.ById("tag-add").ClickAsync();
        await Expect(b.ById("member-tag")).ToHaveTextAsync("回头客");
        await b.Field("note-input").FillAsync("电话回访，满意");
        await b.ById("note-add").ClickAsync();
        await Expect(b.ById("member-note")).ToContainTextAsync("电话回访，满意");
        await b.ScreenshotAsync("admin-member-detail");

        await b.Page.SetViewportSizeAsync(390, 844);
        await b.OpenAsync("/admin/members");
        await Expect(b.ById("member-phone").First).ToHaveTextAsync("13912345678");
        await b.ScreenshotAsync("admin-members-phone");
    }

    [Fact]
    public async Task Switching_to_English_changes_the_admin_labels_and_back()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await Expect(b.ById("nav-members")).ToContainTextAsync("会员");

        await b.ById("culture-en").ClickAsync();
        await Expect(b.ById("nav-members")).ToContainTextAsync("Members");
        await b.WaitInteractiveAsync();
        await b.ScreenshotAsync("admin-dashboard-en");

        await b.ById("culture-zh").ClickAsync();
        await Expect(b.ById("nav-members")).ToContainTextAsync("会员");
    }

    [Fact]
    public async Task An_operations_user_sees_no_staff_menu_and_only_masked_phone_numbers()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.App.RegisterAsync(phone: "13812345678", name: "测试会员乙");
        var admin = await b.App.AdminAsync();
        (await admin.PostAsJsonAsync("/api/admin/staff",
            new { userName = "yunying2", displayName = "运营小李", role = "operations", password = "staff2026pass" })).EnsureSuccessStatusCode();

        await b.SignInAsync("/admin/login", "yunying2", "staff2026pass", landsOn: "/admin");
        await Expect(b.ById("nav-members")).ToBeVisibleAsync();
        await Expect(b.ById("nav-staff")).ToHaveCountAsync(0);
        await Expect(b.ById("nav-audit")).ToHaveCountAsync(0);

        await b.ById("nav-members").ClickAsync();
        await Expect(b.ById("member-phone").First).ToHaveTextAsync("138****5678");
        await b.ScreenshotAsync("operations-members");

        await b.OpenAsync("/admin/staff", interactive: false);
        await Expect(b.ById("access-denied")).ToBeVisibleAsync();

        await b.OpenAsync("/admin");
        await b.ById("logout").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/login");
        await b.Page.GotoAsync("/admin/members");
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/login");
    }

    [Fact]
    public async Task A_member_cannot_sign_in_to_the_admin_console()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.App.RegisterAsync(phone: "13612345678");
        await b.OpenAsync("/admin/login", interactive: false);
        await b.Field("login-name").FillAsync("13612345678");
        await b.Field("login-password").FillAsync(MallApp.MemberPassword);
        await b.ById("login-submit").ClickAsync();
        await Expect(b.ById("login-error")).ToContainTextAsync("仅限员工");

        await b.Field("login-name").FillAsync("admin");
        await b.Field("login-password").FillAsync("wrong-password-1");
        await b.ById("login-submit").ClickAsync();
        await Expect(b.ById("login-error")).ToContainTextAsync("账号或密码错误");
    }
}
