using MemberMall.Tests.PointsMall;
using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class PointsMallBrowserTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task A_member_on_a_phone_exchanges_points_for_an_item_and_finds_it_under_my_exchanges()
    {
        await using var b = await MallBrowser.StartAsync(390, 844);
        var admin = await b.App.AdminAsync();
        var product = await admin.ProductAsync("真空保温杯", 89m, 50);
        await admin.MallItemAsync(new { productId = product, points = 300, stock = 10, perMemberLimit = 3 });
        await admin.MallItemAsync(new { name = "会员专属帆布袋", points = 5000, stock = 5 });
        var (memberId, _) = await b.App.RegisterAsync(phone: Phone, name: "王小明");
        await (await b.App.SignInAsync(Phone)).AddressAsync();
        await b.App.CreditLotAsync(memberId, 1000, b.App.Clock.GetUtcNow().AddDays(90));

        await b.SignInAsync("/login", Phone, MallApp.MemberPassword, landsOn: "/me");
        await b.OpenAsync("/points-mall");
        await Expect(b.ById("mall-balance")).ToHaveTextAsync("1100");
        await Expect(b.ById("mall-item")).ToHaveCountAsync(2);
        var cup = b.Page.Locator("[data-testid=mall-item][data-item-name='真空保温杯']");
        await Expect(cup.GetByTestId("mall-item-points")).ToHaveTextAsync("300 积分");
        await b.ScreenshotAsync("mall-1-items-phone");

        await cup.GetByTestId("mall-exchange").ClickAsync();
        await Expect(b.ById("exchange-dialog")).ToBeVisibleAsync();
        await b.ById("exchange-qty-plus").ClickAsync();
        await Expect(b.ById("exchange-qty")).ToHaveTextAsync("2");
        await Expect(b.ById("exchange-total")).ToHaveTextAsync("600");
        await Expect(b.ById("exchange-address")).ToContainTextAsync("世纪大道 100 号");
        await b.ScreenshotAsync("mall-2-exchange-dialog-phone");
        await b.ById("exchange-confirm").ClickAsync();

        await Expect(b.ById("exchange-dialog")).ToHaveCountAsync(0);
        await Expect(b.ById("mall-balance")).ToHaveTextAsync("500");
        await Expect(cup).ToContainTextAsync("剩余 8 件");

        await b.ById("mall-my-exchanges").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/me/points-mall");
        await Expect(b.ById("my-exchange")).ToHaveCountAsync(1);
        await Expect(b.ById("my-exchange-name")).ToHaveTextAsync("真空保温杯 × 2");
        await Expect(b.ById("my-exchange-status")).ToHaveAttributeAsync("data-status", "placed");
        await Expect(b.ById("my-exchange-points")).ToHaveTextAsync("600 积分");
        await Expect(b.ById("my-exchanges-balance")).ToHaveTextAsync("500");
        await b.ScreenshotAsync("mall-3-my-exchanges-phone");
    }
}
