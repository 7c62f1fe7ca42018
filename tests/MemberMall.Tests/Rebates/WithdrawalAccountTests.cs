using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Rebates;

public class WithdrawalAccountTests
{
    [Fact]
    public async Task A_bank_card_must_be_12_to_19_digits_and_the_type_must_be_known_before_the_balance_is_checked()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");

        var card = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 20, account = "6222-abc-1234", accountType = "bank_card" }))
            .ShouldFail(HttpStatusCode.BadRequest, "withdrawal.card_invalid");
        var type = await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 20, account = "6222020200112233", accountType = "paypal" }))
            .ShouldFail(HttpStatusCode.BadRequest, "withdrawal.account_type_invalid");

        Assert.NotNull(card["errors"]!["account"]);
        Assert.NotNull(type["errors"]!["accountType"]);
        // Past the shape checks the empty balance answers: spaces in a card number, an e-wallet name and an untyped account all pass.
        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 20, account = "6222 0202 0011 2233", accountType = "bank_card" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "rebate.insufficient");
        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 20, account = "xiaoming_pay", accountType = "e_wallet" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "rebate.insufficient");
        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 20, account = "abcd" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "rebate.insufficient");
    }
}
