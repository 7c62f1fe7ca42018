using CsCheck;
using MemberMall.Features.Pricing;

namespace MemberMall.Tests.Pricing;

/// <summary><see cref="Allocation.Proportional"/>, the one place fen are divided: exact sums, where the remainder goes, zero weights.</summary>
[Trait("Category", "Unit")]
public class AllocationTests
{
    [Fact]
    public void An_amount_that_divides_evenly_is_split_exactly_by_weight()
    {
        Assert.Equal([10, 20, 30, 40], Allocation.Proportional(100, [1, 2, 3, 4]));
    }

    [Fact]
    public void The_remainder_goes_to_the_largest_fractional_part_not_the_first_line()
    {
        // 5 × 2/3 = 3.33 and 5 × 1/3 = 1.67: both round down to 3 + 1, and the leftover fen goes to the .67.
        Assert.Equal([3, 2], Allocation.Proportional(5, [2, 1]));
    }

    [Fact]
    public void Equal_fractions_give_the_remainder_to_the_earlier_lines()
    {
        Assert.Equal([4, 3, 3], Allocation.Proportional(10, [1, 1, 1]));
        Assert.Equal([34, 33, 33], Allocation.Proportional(100, [5, 5, 5]));
        Assert.Equal([1, 1, 0], Allocation.Proportional(2, [7, 7, 7]));
    }

    [Fact]
    public void A_line_of_weight_zero_gets_nothing()
    {
        Assert.Equal([0, 7, 0], Allocation.Proportional(7, [0, 3, 0]));
    }

    [Fact]
    public void Nothing_is_allocated_when_every_weight_is_zero()
    {
        Assert.Equal([0, 0], Allocation.Proportional(500, [0, 0]));
    }

    [Fact]
    public void A_zero_amount_allocates_zero_to_every_line()
    {
        Assert.Equal([0, 0, 0], Allocation.Proportional(0, [3, 1, 9]));
    }

    [Fact]
    public void A_single_line_takes_the_whole_amount()
    {
        Assert.Equal([12_345], Allocation.Proportional(12_345, [1]));
    }

    [Fact]
    public void No_lines_means_no_parts()
    {
        Assert.Empty(Allocation.Proportional(100, []));
    }

    [Fact]
    public void Large_amounts_and_weights_still_add_up_exactly()
    {
        var parts = Allocation.Proportional(9_999_999_999, [3_333_333_333, 3_333_333_333, 3_333_333_334]);

        Assert.Equal(9_999_999_999, parts.Sum());
        Assert.Equal([3_333_333_333, 3_333_333_333, 3_333_333_333], parts);
    }

    private static readonly Gen<(long Amount, long[] Weights)> Cases =
        Gen.Select(Gen.Long[0, 100_000_000], Gen.Long[0, 10_000_000].Array[1, 30]);

    [Fact]
    public void Parts_always_add_up_to_the_amount_when_any_weight_is_positive()
    {
        Cases.Sample(c =>
        {
            var parts = Allocation.Proportional(c.Amount, c.Weights);
            Assert.Equal(c.Weights.Length, parts.Length);
            Assert.Equal(c.Weights.Sum() == 0 ? 0 : c.Amount, parts.Sum());
        }, iter: 2_000);
    }

    [Fact]
    public void Each_part_is_its_exact_share_rounded_down_or_one_fen_more()
    {
        Cases.Sample(c =>
        {
            var total = c.Weights.Sum();
            if (total == 0) return;
            var parts = Allocation.Proportional(c.Amount, c.Weights);
            for (var i = 0; i < parts.Length; i++)
            {
                // Integer arithmetic, independent of the decimal arithmetic under test.
                var floor = (long)((Int128)c.Amount * c.Weights[i] / total);
                Assert.InRange(parts[i], floor, floor + 1);
                if (c.Weights[i] == 0) Assert.Equal(0, parts[i]);
            }
        }, iter: 2_000);
    }

    [Fact]
    public void A_heavier_line_never_gets_less_than_a_lighter_one()
    {
        Cases.Sample(c =>
        {
            var parts = Allocation.Proportional(c.Amount, c.Weights);
            for (var i = 0; i < parts.Length; i++)
                for (var j = 0; j < parts.Length; j++)
                    if (c.Weights[i] > c.Weights[j]) Assert.True(parts[i] >= parts[j], $"weight {c.Weights[i]} got {parts[i]}, weight {c.Weights[j]} got {parts[j]}");
                    else if (c.Weights[i] == c.Weights[j]) Assert.InRange(parts[i] - parts[j], -1, 1);
        }, iter: 1_000);
    }
}
