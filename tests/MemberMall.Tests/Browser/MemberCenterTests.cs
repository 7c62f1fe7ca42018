using System.Net.Http.Json;
using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class MemberCenterTests
{
    private const string Phone = "13700003333";

    [Fact]
    public async Task A_member_on_a_phone_sees_points_checks_in_and_is_told_why_a_withdrawal_fails()
    {
        await using var b = await MallBrowser.StartAsync(width: 390, height: 844);
        var (memberId, _) = await b.App.RegisterAsync(phone: Phone, name: "小红");
        var admin = await b.App.AdminAsync();
        (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 500, reason = "新人礼包" })).EnsureSuccessStatusCode();

        await b.SignInAsync("/login", Phone, MallApp.MemberPassword, landsOn: "/me");
        // 100 welcome points and the 500 given by the shop.
        await Expect(b.ById("me-points")).ToHaveTextAsync("600");
        await Expect(b.ById("me-rebate")).ToHaveTextAsync("¥0.00");
        await b.ScreenshotAsync("center-1-me-phone");

        await b.ById("me-points-card").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/me/points");
        await b.WaitInteractiveAsync();
        await Expect(b.ById("points-available")).ToHaveTextAsync("600");
        await Expect(b.ById("points-entry")).ToHaveCountAsync(2);
        await Expect(b.ById("points-entry").First.GetByTestId("points-entry-kind")).ToHaveTextAsync("人工调整");
        await Expect(b.ById("points-entry").First.GetByTestId("points-entry-source")).ToHaveTextAsync("客服调整 · 新人礼包");
        await Expect(b.ById("points-entry").First.GetByTestId("points-entry-points")).ToHaveTextAsync("+500");
        await b.ScreenshotAsync("center-2-points-phone");

        await b.OpenAsync("/me/check-in");
        var today = b.Page.Locator("[data-testid='checkin-day'][data-today='true']");
        await Expect(today).ToHaveAttributeAsync("data-checked", "false");
        await Expect(b.ById("checkin-points")).ToHaveTextAsync("600");
        await b.ById("checkin-button").ClickAsync();
        await Expect(today).ToHaveAttributeAsync("data-checked", "true");
        await Expect(b.ById("checkin-points")).ToHaveTextAsync("605");
        await Expect(b.ById("checkin-streak")).ToHaveTextAsync("1 天");
        await Expect(b.ById("checkin-button")).ToBeDisabledAsync();
        await Expect(b.ById("checkin-button")).ToHaveTextAsync("今日已签到");
        await b.ScreenshotAsync("center-3-check-in-phone");

        await b.OpenAsync("/me/rebates");
        await Expect(b.ById("rebate-available")).ToHaveTextAsync("¥0.00");
        await b.Field("withdraw-amount").FillAsync("50");
        await b.Field("withdraw-account").FillAsync("6222020200112233");
        await b.ById("withdraw-submit").ClickAsync();
        await Expect(b.ById("withdraw-error")).ToContainTextAsync("可提现余额不足");
        await Expect(b.ById("withdraw-amount")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(FieldBox(b, "withdraw-amount")).ToContainTextAsync("可提现余额不足");
        await Expect(b.ById("withdrawal-row")).ToHaveCountAsync(0);

        await b.Field("withdraw-account").FillAsync("6222-abc");
        await b.ById("withdraw-submit").ClickAsync();
        await Expect(FieldBox(b, "withdraw-account")).ToContainTextAsync("银行卡号应为 12–19 位数字");
        await Expect(b.ById("withdraw-error")).ToContainTextAsync("银行卡号应为 12–19 位数字");
        await b.ScreenshotAsync("center-4-withdraw-error-phone");

        // Nothing is wider than the phone.
        var overflow = await b.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
    }

    /// <summary>A MudBlazor field's whole box: the input carries the test id, its error text sits beside it.</summary>
    private static Microsoft.Playwright.ILocator FieldBox(MallBrowser b, string testId) =>
        b.Page.Locator(".mud-input-control").Filter(new() { Has = b.ById(testId) });
}
