using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class MemberSiteTests
{
    [Fact]
    public async Task A_member_on_a_phone_registers_edits_the_profile_and_adds_an_address()
    {
        await using var b = await MallBrowser.StartAsync(width: 390, height: 844);
        await b.OpenAsync("/register", interactive: false);
        await b.Field("register-contact").FillAsync("13700001111");
        await b.Field("register-password").FillAsync("member2026");
        await b.Field("register-name").FillAsync("小明");
        await b.ById("register-submit").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/me");
        await b.WaitInteractiveAsync();
        await Expect(b.ById("me-name")).ToHaveTextAsync("小明");

        await b.ById("me-edit").ClickAsync();
        await b.Field("me-edit-name").FillAsync("小明同学");
        await b.Field("me-edit-interests").FillAsync("数码, 旅行");
        await b.ById("me-save").ClickAsync();
        await Expect(b.ById("me-profile-name")).ToHaveTextAsync("小明同学");
        await Expect(b.ById("me-interests")).ToHaveTextAsync("数码、旅行");
        await b.ScreenshotAsync("member-profile");

        await b.ById("nav-addresses").ClickAsync();
        await Expect(b.ById("address-empty")).ToBeVisibleAsync();
        await b.ById("address-add").ClickAsync();
        await b.Field("address-name").FillAsync("王小明");
        await b.Field("address-phone").FillAsync("13700001111");
        await b.Field("address-province").FillAsync("广东省");
        await b.Field("address-city").FillAsync("深圳市");
        await b.Field("address-district").FillAsync("南山区");
        await b.Field("address-detail").FillAsync("科技园路 1 号");
        await b.ById("address-save").ClickAsync();
        await Expect(b.ById("address-recipient")).ToHaveTextAsync("王小明");
        await Expect(b.ById("address-line")).ToContainTextAsync("科技园路 1 号");
        await Expect(b.ById("address-default")).ToBeVisibleAsync();

        await b.ById("address-add").ClickAsync();
        await b.Field("address-name").FillAsync("李阿姨");
        await b.Field("address-phone").FillAsync("13700002222");
        await b.Field("address-province").FillAsync("上海市");
        await b.Field("address-city").FillAsync("上海市");
        await b.Field("address-detail").FillAsync("世纪大道 100 号");
        await b.ById("address-save").ClickAsync();
        await Expect(b.ById("address-card")).ToHaveCountAsync(2);
        await b.ById("address-make-default").ClickAsync();
        await Expect(b.ById("address-card").First).ToContainTextAsync("李阿姨");
        await Expect(b.ById("address-card").First.GetByTestId("address-default")).ToBeVisibleAsync();
        await b.ScreenshotAsync("member-addresses");

        await b.ById("address-card").Nth(1).GetByTestId("address-delete").ClickAsync();
        await b.Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog).GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await Expect(b.ById("address-card")).ToHaveCountAsync(1);
        await Expect(b.ById("address-recipient")).ToHaveTextAsync("李阿姨");
    }
}
