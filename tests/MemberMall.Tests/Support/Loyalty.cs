using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MemberMall.Tests.Support;

/// <summary>Builders for rebates and withdrawals, through the public API and the test clock.</summary>
public static class Loyalty
{
    /// <summary>
    /// A member with ¥10 of available rebates (one completed 2 × ¥100 order under a 5% rule, past the return window)
    /// and a withdrawal of all of it waiting for review; returns the member's phone and the withdrawal.
    /// </summary>
    public static async Task<(string Phone, JsonNode Withdrawal)> PendingWithdrawalAsync(this MallApp app, string phone = "13812345678")
    {
        var admin = await app.AdminAsync();
        await admin.RebateProgramAsync("immediate");
        var product = await admin.ProductAsync("机械键盘", 100m, 20);
        var member = await app.MemberAsync(phone);
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 2));
        await admin.DeliverAsync(order.Str("id"));
        await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        member = await app.SignInAsync(phone);
        Assert.Equal(10m, (await member.Json("/api/me/rebates"))["available"]!.GetValue<decimal>());
        var withdrawal = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 10, account = "6222020200112233" })).ShouldBe(HttpStatusCode.Created);
        return (phone, withdrawal);
    }
}
