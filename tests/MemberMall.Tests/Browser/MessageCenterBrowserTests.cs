using MemberMall.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class MessageCenterBrowserTests
{
    private const string Phone = "13812345678";

    [Fact]
    public async Task A_member_sees_the_unread_badge_after_an_order_is_paid_and_reading_the_message_opens_the_order()
    {
        await using var b = await MallBrowser.StartAsync(390, 844);
        var admin = await b.App.AdminAsync();
        var earbuds = await admin.ProductAsync("无线蓝牙耳机", 199m, 50);
        var member = await b.App.MemberAsync(Phone, "王小明");
        var id = (await b.App.PaidOrderAsync(member, await member.AddressAsync(), (earbuds, 1))).Str("id");
        (await admin.PostAsync("/api/admin/jobs/outbox.dispatch/run", null)).EnsureSuccessStatusCode();

        await b.SignInAsync("/login?returnUrl=%2Fme", Phone, MallApp.MemberPassword, landsOn: "/me");
        await Expect(b.ById("messages-unread")).ToHaveTextAsync("1");

        await b.ById("nav-messages").ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/me/messages");
        var message = b.ById("message");
        await Expect(message).ToHaveCountAsync(1);
        await Expect(message).ToHaveAttributeAsync("data-read", "false");
        await Expect(b.ById("message-title")).ToHaveTextAsync("订单已支付");
        await b.ScreenshotAsync("messages-unread-phone");

        await message.ClickAsync();
        await b.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/me/orders/{id}");
        await Expect(b.ById("messages-unread")).ToHaveCountAsync(0);

        await b.ById("nav-messages").ClickAsync();
        await Expect(b.ById("message")).ToHaveAttributeAsync("data-read", "true");
        await Expect(b.ById("message-unread")).ToHaveCountAsync(0);
    }
}
