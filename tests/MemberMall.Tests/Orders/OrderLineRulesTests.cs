using CsCheck;
using MemberMall.Common;
using MemberMall.Features.Orders;

namespace MemberMall.Tests.Orders;

/// <summary>What an order line refunds for some of its units, and how many units after-sales requests may claim.</summary>
[Trait("Category", "Unit")]
public class OrderLineRulesTests
{
    private static OrderItem Line(int quantity, long lineTotalFen, long discountFen = 0) =>
        new() { ProductName = "保温杯", Quantity = quantity, UnitPriceFen = lineTotalFen / quantity, LineTotalFen = lineTotalFen, DiscountFen = discountFen };

    [Fact]
    public void Refund_share_of_some_units_is_their_part_of_what_the_line_paid_rounded_down()
    {
        // 3 units paid 100.00 after a 20.00 discount on 120.00: one unit's share is 33.333…, so 33.33.
        var line = Line(3, 120_00, discountFen: 20_00);

        Assert.Equal(33_33, line.RefundAmountFor(1));
        Assert.Equal(66_66, line.RefundAmountFor(2));
    }

    [Fact]
    public void Refund_share_of_the_last_units_takes_the_remainder()
    {
        var line = Line(3, 100_00);
        line.RecordRefund(1, line.RefundAmountFor(1));
        line.RecordRefund(1, line.RefundAmountFor(1));

        Assert.Equal(33_34, line.RefundAmountFor(1));
    }

    [Fact]
    public void Refund_share_of_the_whole_line_at_once_is_exactly_what_it_paid()
    {
        var line = Line(7, 99_99, discountFen: 9_99);

        Assert.Equal(90_00, line.RefundAmountFor(7));
    }

    [Fact]
    public void Refunds_of_a_line_in_any_split_add_up_to_exactly_what_it_paid()
    {
        Gen.Select(Gen.Int[1, 99], Gen.Long[0, 10_000_000], Gen.Int[1, 99].Array[1, 99]).Sample((quantity, payable, splits) =>
        {
            var line = Line(quantity, payable);
            long refunded = 0;
            foreach (var split in splits)
            {
                var units = Math.Min(split, quantity - line.RefundedQuantity);
                if (units == 0) break;
                var amount = line.RefundAmountFor(units);
                Assert.True(amount >= 0, $"negative refund {amount}");
                line.RecordRefund(units, amount);
                refunded += amount;
            }
            if (line.RefundedQuantity == quantity) Assert.Equal(payable, refunded);
            else Assert.True(refunded <= payable * line.RefundedQuantity / quantity, "a partial refund must never run ahead of the units' share");
        }, iter: 1_000);
    }

    [Fact]
    public void A_line_never_refunds_more_units_or_more_money_than_it_had()
    {
        var line = Line(2, 50_00);

        Assert.Equal("refund.exceeds_paid", Assert.Throws<DomainException>(() => line.RecordRefund(3, 1)).Code);
        Assert.Equal("refund.exceeds_paid", Assert.Throws<DomainException>(() => line.RecordRefund(1, 50_01)).Code);
        Assert.Equal((0, 0L), (line.RefundedQuantity, line.RefundedFen));
    }

    [Fact]
    public void Units_claimed_by_an_open_request_cannot_be_claimed_again_until_released()
    {
        var line = Line(3, 30_00);
        line.Claim(2);

        Assert.Equal(1, line.ClaimableQuantity);
        Assert.Equal("aftersales.quantity_exceeds", Assert.Throws<DomainException>(() => line.Claim(2)).Code);
        Assert.Equal("aftersales.quantity_exceeds", Assert.Throws<DomainException>(() => line.Claim(0)).Code);

        line.Unclaim(2);
        line.Claim(3);
        Assert.Equal(0, line.ClaimableQuantity);
    }

    [Fact]
    public void Releasing_more_than_was_claimed_leaves_nothing_claimed_rather_than_a_negative_count()
    {
        var line = Line(3, 30_00);
        line.Claim(1);

        line.Unclaim(5);

        Assert.Equal(3, line.ClaimableQuantity);
    }
}
