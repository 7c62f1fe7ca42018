using MemberMall.Common;
using MemberMall.Features.Points;
using MemberMall.Features.Rebates;

namespace MemberMall.Tests.Rebates;

/// <summary>The fee on a rebate withdrawal and the rules a merchant may set for it.</summary>
[Trait("Category", "Unit")]
public class WithdrawalFeeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);

    private static RebateSettings Rules(decimal percent, long minFee, long minWithdrawal = 10_00)
    {
        var rules = new RebateSettings();
        rules.Set(SettlementMode.Immediate, minWithdrawal, percent, minFee, Now);
        return rules;
    }

    [Theory]
    [InlineData(200_00, 2_00)]     // 1 % of 200.00
    [InlineData(123_45, 1_24)]     // 1.2345 rounds up to 1.24
    [InlineData(50_00, 1_00)]      // 0.50 is below the 1.00 minimum fee
    [InlineData(100_00, 1_00)]     // exactly the minimum
    public void The_fee_is_a_percentage_rounded_up_to_the_fen_and_never_below_the_minimum(long amount, long fee)
    {
        Assert.Equal(fee, Rules(1m, 1_00).WithdrawFee(amount));
    }

    [Fact]
    public void A_fraction_of_a_fen_rounds_the_fee_up_not_to_nearest()
    {
        // 0.5 % of 10.01 is 5.005 fen.
        Assert.Equal(6, Rules(0.5m, 0).WithdrawFee(10_01));
        // 0.5 % of 10.00 is exactly 5 fen: nothing to round.
        Assert.Equal(5, Rules(0.5m, 0).WithdrawFee(10_00));
    }

    [Fact]
    public void A_shop_without_fees_charges_nothing()
    {
        Assert.Equal(0, Rules(0m, 0).WithdrawFee(1_000_00));
    }

    [Fact]
    public void The_default_rules_charge_one_percent_with_a_one_yuan_minimum()
    {
        var defaults = new RebateSettings();

        Assert.Equal(1_00, defaults.WithdrawFee(10_00));
        Assert.Equal(3_00, defaults.WithdrawFee(300_00));
    }

    [Theory]
    [InlineData(20.01, 0, 10_00)]   // fee above 20 %
    [InlineData(-1, 0, 10_00)]      // negative fee
    [InlineData(1, 10_00, 10_00)]   // the minimum fee would eat the minimum withdrawal
    [InlineData(1, -1, 10_00)]      // negative minimum fee
    [InlineData(1, 0, 0)]           // no minimum withdrawal
    public void Withdrawal_rules_that_could_charge_more_than_is_withdrawn_are_refused(double percent, long minFee, long minWithdrawal)
    {
        var error = Assert.Throws<DomainException>(() => Rules((decimal)percent, minFee, minWithdrawal));

        Assert.Equal("rebate.withdraw_rule_invalid", error.Code);
    }
}
