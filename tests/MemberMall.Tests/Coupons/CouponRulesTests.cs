using MemberMall.Common;
using MemberMall.Features.Coupons;
using MemberMall.Features.Pricing;

namespace MemberMall.Tests.Coupons;

[Trait("Category", "Unit")]
public class CouponRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 0, 0, TimeSpan.Zero);

    private static CouponTerms Terms(CouponKind kind, long amount = 0, long threshold = 0, int percent = 0, long? cap = null,
        Guid[]? categories = null, Guid[]? products = null, Guid[]? excluded = null) =>
        new(kind, amount, threshold, percent, cap, categories ?? [], products ?? [], excluded ?? [], null, null, 7);

    private static Coupon Make(CouponTerms terms, bool stacks = false)
    {
        var c = new Coupon("券", terms, Now);
        c.SetStacking(false, stacks, Now);
        return c;
    }

    [Fact]
    public void Each_kind_takes_off_what_it_says_and_never_more_than_the_goods()
    {
        Assert.Equal(1000, Make(Terms(CouponKind.Amount, amount: 1000)).DiscountFor(5000));
        Assert.Equal(300, Make(Terms(CouponKind.Amount, amount: 1000)).DiscountFor(300));
        Assert.Equal(0, Make(Terms(CouponKind.Threshold, amount: 1500, threshold: 10000)).DiscountFor(9999));
        Assert.Equal(1500, Make(Terms(CouponKind.Threshold, amount: 1500, threshold: 10000)).DiscountFor(10000));
        Assert.Equal(667, Make(Terms(CouponKind.Percent, percent: 20)).DiscountFor(3333));
        Assert.Equal(1500, Make(Terms(CouponKind.Percent, percent: 20, cap: 1500)).DiscountFor(10000));
        Assert.Equal(0, Make(Terms(CouponKind.FreeShipping)).DiscountFor(10000));
    }

    [Theory]
    [InlineData(CouponKind.Percent, 0, 0, 120, "coupon.percent_invalid")]
    [InlineData(CouponKind.Percent, 0, 0, 0, "coupon.percent_invalid")]
    [InlineData(CouponKind.Threshold, 1000, 500, 0, "coupon.threshold_invalid")]
    [InlineData(CouponKind.Threshold, 1000, 1000, 0, "coupon.threshold_invalid")]
    [InlineData(CouponKind.Amount, 0, 0, 0, "coupon.amount_invalid")]
    public void Broken_terms_are_refused_with_a_code(CouponKind kind, long amount, long threshold, int percent, string code)
    {
        var e = Assert.ThrowsAny<DomainException>(() => Make(Terms(kind, amount, threshold, percent)));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void A_window_must_end_after_it_starts_and_quantities_must_be_positive()
    {
        var terms = Terms(CouponKind.Amount, amount: 100) with { ValidDays = null, ValidFrom = Now, ValidTo = Now };
        Assert.Equal("coupon.window_invalid", Assert.ThrowsAny<DomainException>(() => Make(terms)).Code);
        var c = Make(Terms(CouponKind.Amount, amount: 100));
        Assert.Equal("coupon.quantity_invalid", Assert.ThrowsAny<DomainException>(() => c.SetLimits(-1, 0, null, null, Now)).Code);
        Assert.Equal("coupon.window_invalid", Assert.ThrowsAny<DomainException>(() => c.SetLimits(10, 0, Now, Now.AddDays(-1), Now)).Code);
    }

    [Fact]
    public void Scope_covers_its_products_and_categories_and_never_an_excluded_product()
    {
        Guid cat = Guid.NewGuid(), inCat = Guid.NewGuid(), excluded = Guid.NewGuid(), listed = Guid.NewGuid();
        var c = Make(Terms(CouponKind.Amount, amount: 100, categories: [cat], products: [listed], excluded: [excluded]));
        Assert.True(c.Covers(inCat, cat));
        Assert.True(c.Covers(listed, null));
        Assert.False(c.Covers(excluded, cat));
        Assert.False(c.Covers(Guid.NewGuid(), Guid.NewGuid()));
        Assert.True(Make(Terms(CouponKind.Amount, amount: 100)).Covers(Guid.NewGuid(), null));
    }

    [Fact]
    public void A_discount_is_spread_over_the_lines_it_covers_exactly_to_the_fen()
    {
        var lines = new List<QuoteLine>
        {
            new(Guid.NewGuid(), "a", null, null, 3333, 1, 3333, 0),
            new(Guid.NewGuid(), "b", null, null, 1250, 2, 2500, 0),
            new(Guid.NewGuid(), "c", null, null, 1, 1, 1, 0),
        };
        var held = new HeldCoupon(Guid.NewGuid(), Now.AddDays(1), Make(Terms(CouponKind.Amount, amount: 1000)));

        var outcome = CouponPricing.Apply(lines, [held], 0);

        Assert.Equal([571, 429, 0], outcome.Lines.Select(l => l.DiscountFen));
        Assert.Equal(1000, outcome.Lines.Sum(l => l.DiscountFen));
        Assert.Equal(1000, Assert.Single(outcome.Applied).DiscountFen);
    }

    [Fact]
    public void Stacked_coupons_apply_amounts_first_then_percentages_on_what_is_left()
    {
        var lines = new List<QuoteLine> { new(Guid.NewGuid(), "a", null, null, 20000, 1, 20000, 0) };
        var percent = new HeldCoupon(Guid.NewGuid(), Now, Make(Terms(CouponKind.Percent, percent: 10), stacks: true));
        var amount = new HeldCoupon(Guid.NewGuid(), Now, Make(Terms(CouponKind.Amount, amount: 2000), stacks: true));

        var outcome = CouponPricing.Apply(lines, [percent, amount], 1000);

        Assert.Equal([-2000, -1800], outcome.GoodsAdjustments.Select(a => a.AmountFen));
        Assert.Equal(3800, outcome.Lines.Single().DiscountFen);
        Assert.Equal(1000, outcome.FreightFen);
    }

    [Fact]
    public void The_suggestion_is_the_coupon_that_saves_most_freight_included()
    {
        var lines = new List<QuoteLine> { new(Guid.NewGuid(), "a", null, null, 5000, 1, 5000, 0) };
        var five = new HeldCoupon(Guid.NewGuid(), Now, Make(Terms(CouponKind.Amount, amount: 500)));
        var freight = new HeldCoupon(Guid.NewGuid(), Now, Make(Terms(CouponKind.FreeShipping)));
        var unreachable = new HeldCoupon(Guid.NewGuid(), Now, Make(Terms(CouponKind.Threshold, amount: 3000, threshold: 9900)));

        Assert.Equal([freight.MemberCouponId], CouponPricing.Suggest(lines, [five, freight, unreachable], 1000));
        Assert.Equal([five.MemberCouponId], CouponPricing.Suggest(lines, [five, freight, unreachable], 0));
        Assert.Empty(CouponPricing.Suggest(lines, [unreachable], 0));
    }

    [Theory]
    [InlineData(20, "八折")]
    [InlineData(15, "八五折")]
    [InlineData(95, "零五折")]
    public void A_percentage_off_reads_as_the_chinese_zhe(int percentOff, string zhe) => Assert.Equal(zhe, CouponText.Zhe(percentOff));
}
