using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Coupons;

/// <summary>Coupons in the one price calculator: each kind, scope, stacking, validity and the suggestion.</summary>
public class CouponCheckoutTests
{
    [Fact]
    public async Task An_amount_coupon_takes_its_amount_off_and_each_line_pays_its_share()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 60m, 10);
        var cup = await admin.ProductAsync("茶杯", 40m, 10);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var quote = await (await member.PreviewAsync(address, [mine], (tea, 1), (cup, 1))).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(-10m, Assert.Single(quote.Adjustments("coupon")).Dec("amount"));
        Assert.Equal(6m, quote.Line(tea).Dec("discount"));
        Assert.Equal(4m, quote.Line(cup).Dec("discount"));
        Assert.Equal(90m, quote.Dec("total"));
        Assert.Equal(mine.ToString(), quote["couponIds"]![0]!.GetValue<string>());
        // Points earn on what was paid, not on the discount (one point a yuan by default).
        Assert.Equal(90, quote["pointsEarnable"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_threshold_coupon_applies_only_from_its_threshold()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 60m, 10);
        var cup = await admin.ProductAsync("茶杯", 40m, 10);
        var coupon = await admin.CouponAsync(new { name = "满 100 减 15", kind = "threshold", threshold = 100, amount = 15, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.threshold_not_met");
        var quote = await (await member.PreviewAsync(address, [mine], (tea, 1), (cup, 1))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(85m, quote.Dec("total"));
    }

    [Fact]
    public async Task A_percent_coupon_is_rounded_to_the_fen_once_and_capped()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var small = await admin.ProductAsync("便签本", 33.33m, 10);
        var big = await admin.ProductAsync("台灯", 100m, 10);
        var coupon = await admin.CouponAsync(new { name = "八折券", kind = "percent", percent = 20, maxDiscount = 15, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var quote = await (await member.PreviewAsync(address, [mine], (small, 1))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(-6.67m, Assert.Single(quote.Adjustments("coupon")).Dec("amount"));
        quote = await (await member.PreviewAsync(address, [mine], (big, 1))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(-15m, Assert.Single(quote.Adjustments("coupon")).Dec("amount"));
        Assert.Equal("打八折，最多减 15 元", (await member.MyCouponsAsync()).Single()!.Str("rule").Split('；')[0]);
    }

    [Fact]
    public async Task A_free_shipping_coupon_waives_the_freight_as_a_coupon_line()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 50m, 10);
        var coupon = await admin.CouponAsync(new { name = "免邮券", kind = "free_shipping", validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var quote = await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(-10m, Assert.Single(quote.Adjustments("coupon")).Dec("amount"));
        Assert.Equal(0m, quote.Dec("freight"));
        Assert.Equal(50m, quote.Dec("total"));
        Assert.Equal(0m, quote.Line(tea).Dec("discount"));
    }

    [Fact]
    public async Task A_category_coupon_covers_its_category_and_leaves_out_excluded_and_other_products()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var teaCategory = await admin.CategoryAsync("茶叶");
        var other = await admin.CategoryAsync("家居");
        var longjing = await admin.ProductAsync("龙井茶", 50m, 10, teaCategory);
        var puer = await admin.ProductAsync("普洱茶", 50m, 10, teaCategory);
        var lamp = await admin.ProductAsync("台灯", 50m, 10, other);
        var coupon = await admin.CouponAsync(new { name = "茶叶九折", kind = "percent", percent = 10, categoryIds = new[] { teaCategory }, excludeProductIds = new[] { puer }, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        var quote = await (await member.PreviewAsync(address, [mine], (longjing, 1), (puer, 1), (lamp, 1))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5m, quote.Line(longjing).Dec("discount"));
        Assert.Equal(0m, quote.Line(puer).Dec("discount"));
        Assert.Equal(0m, quote.Line(lamp).Dec("discount"));

        await (await member.PreviewAsync(address, [mine], (puer, 1), (lamp, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_applicable");
    }

    [Fact]
    public async Task An_order_takes_one_coupon_unless_every_coupon_chosen_allows_others()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 200m, 10);
        var single = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30 });
        var stackA = await admin.CouponAsync(new { name = "叠加券甲", kind = "amount", amount = 20, stackWithCoupons = true, validDays = 30 });
        var stackB = await admin.CouponAsync(new { name = "叠加券乙", kind = "percent", percent = 10, stackWithCoupons = true, validDays = 30 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var (s, a, b) = (await member.ClaimAsync(single), await member.ClaimAsync(stackA), await member.ClaimAsync(stackB));

        await (await member.PreviewAsync(address, [s, a], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_stackable");
        var quote = await (await member.PreviewAsync(address, [a, b], (tea, 1))).ShouldBe(HttpStatusCode.OK);

        // 20 off first, then 10 % of the 180 left.
        Assert.Equal([-20m, -18m], quote.Adjustments("coupon").Select(x => x.Dec("amount")));
        Assert.Equal(162m, quote.Dec("total"));
        // Together they take off more than any one: the preview suggests the pair.
        Assert.Equal(new[] { a, b }.Order(), quote["suggestedCouponIds"]!.AsArray().Select(x => Guid.Parse(x!.GetValue<string>())).Order());
    }

    [Fact]
    public async Task The_preview_suggests_the_single_coupon_that_takes_off_most()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        await member.ClaimAsync(await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30 }));
        var best = await member.ClaimAsync(await admin.CouponAsync(new { name = "八折券", kind = "percent", percent = 20, validDays = 30 }));
        await member.ClaimAsync(await admin.CouponAsync(new { name = "满 500 减 100", kind = "threshold", threshold = 500, amount = 100, validDays = 30 }));

        var quote = await (await member.PreviewAsync(address, [], (tea, 1))).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(best.ToString(), Assert.Single(quote["suggestedCouponIds"]!.AsArray())!.GetValue<string>());
        Assert.Empty(quote.Adjustments("coupon"));
    }

    [Fact]
    public async Task A_coupon_valid_for_n_days_counts_them_from_the_claim()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var coupon = await admin.CouponAsync(new { name = "三日券", kind = "amount", amount = 10, validDays = 3 });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        member = await app.SignInAsync("13812345678");
        var claimed = await (await member.PostAsync($"/api/coupons/{coupon}/claims", null)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(3), claimed["validTo"]!.GetValue<DateTimeOffset>());
        var mine = Guid.Parse(claimed.Str("memberCouponId"));

        app.Clock.Advance(TimeSpan.FromDays(2.9));
        member = await app.SignInAsync("13812345678");
        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(0.2));
        member = await app.SignInAsync("13812345678");
        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
        Assert.Equal("expired", Assert.Single(await member.MyCouponsAsync("expired"))!.Str("status"));
        Assert.Empty(await member.MyCouponsAsync("available"));
    }

    [Fact]
    public async Task A_fixed_window_coupon_is_usable_only_inside_its_window()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var now = app.Clock.GetUtcNow();
        var coupon = await admin.CouponAsync(new { name = "周末券", kind = "amount", amount = 10, validFrom = now.AddDays(1), validTo = now.AddDays(2) });
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        var mine = await member.ClaimAsync(coupon);

        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
        app.Clock.Advance(TimeSpan.FromDays(1.5));
        member = await app.SignInAsync("13812345678");
        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(1));
        member = await app.SignInAsync("13812345678");
        await (await member.PreviewAsync(address, [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
    }

    [Fact]
    public async Task Someone_elses_coupon_and_a_used_one_are_not_available()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("龙井茶", 120m, 10);
        var coupon = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30, claimCode = "TEA10" });
        var owner = await app.MemberAsync("13812345678");
        var other = await app.MemberAsync("13812345679");
        var mine = await owner.ClaimAsync(coupon);
        var address = await owner.AddressAsync();

        await (await other.PreviewAsync(await other.AddressAsync(), [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
        // A claim code names the member's own copy of that coupon.
        var byCode = await owner.PostAsJsonAsync("/api/orders", new { addressId = address, couponCodes = new[] { "tea10" }, items = new[] { new { productId = tea, quantity = 1 } } });
        Assert.Equal(110m, (await byCode.ShouldBe(HttpStatusCode.Created)).Dec("total"));
        await (await owner.PreviewAsync(address, [mine], (tea, 1))).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_available");
    }
}
