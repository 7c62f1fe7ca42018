using System.Net;
using System.Net.Http.Json;
using MemberMall.Features.Coupons;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Coupons;

public class CouponAdminTests
{
    [Theory]
    [InlineData("percent", "percent", 120, "coupon.percent_invalid")]
    [InlineData("threshold", "threshold", 5, "coupon.threshold_invalid")]
    [InlineData("amount", "totalQuantity", -5, "coupon.quantity_invalid")]
    [InlineData("amount", "perMemberLimit", -1, "coupon.limit_invalid")]
    [InlineData("amount", "budget", -100, "coupon.budget_invalid")]
    public async Task Bad_coupon_input_answers_400_with_a_code_and_writes_nothing(string kind, string field, int value, string code)
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var body = new Dictionary<string, object> { ["name"] = "坏券", ["kind"] = kind, ["amount"] = 10, ["validDays"] = 7, [field] = value };

        await (await admin.PostAsJsonAsync("/api/admin/coupons", body)).ShouldFail(HttpStatusCode.BadRequest, code);

        Assert.Equal(0, await app.WithDb(db => db.Coupons.CountAsync()));
        Assert.Equal(0, await app.WithDb(db => db.AuditEntries.CountAsync(a => a.EntityType == "coupon")));
    }

    [Fact]
    public async Task A_validity_that_ends_before_it_starts_is_refused()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var now = app.Clock.GetUtcNow();

        await (await admin.PostAsJsonAsync("/api/admin/coupons", new { name = "坏券", kind = "amount", amount = 10, validFrom = now.AddDays(2), validTo = now.AddDays(1) }))
            .ShouldFail(HttpStatusCode.BadRequest, "coupon.window_invalid");
        await (await admin.PostAsJsonAsync("/api/admin/coupons", new { name = "坏券", kind = "amount", amount = 10 }))
            .ShouldFail(HttpStatusCode.BadRequest, "coupon.validity_invalid");
        await (await admin.PostAsJsonAsync("/api/admin/coupons", new { name = "坏券", kind = "gift", amount = 10, validDays = 3 }))
            .ShouldFail(HttpStatusCode.BadRequest, "coupon.kind_invalid");
        Assert.Equal(0, await app.WithDb(db => db.Coupons.CountAsync()));
    }

    [Fact]
    public async Task A_coupon_goes_from_draft_to_published_to_stopped_and_its_terms_lock_once_published()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var id = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30, totalQuantity = 5 }, publish: false);
        Assert.Equal("draft", (await admin.Json($"/api/admin/coupons/{id}")).Str("status"));
        var member = await app.MemberAsync("13812345678");
        await (await member.PostAsync($"/api/coupons/{id}/claims", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_claimable");
        Assert.Empty((await app.Anonymous().Json("/api/coupons")).AsArray());

        var patched = await (await admin.PatchAsJsonAsync($"/api/admin/coupons/{id}", new { amount = 12 })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(12m, patched.Dec("amount"));
        await (await admin.PostAsync($"/api/admin/coupons/{id}/publish", null)).ShouldBe(HttpStatusCode.OK);
        await (await admin.PatchAsJsonAsync($"/api/admin/coupons/{id}", new { amount = 20 })).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.terms_locked");
        var more = await (await admin.PatchAsJsonAsync($"/api/admin/coupons/{id}", new { totalQuantity = 8, name = "立减 12 元" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(8, more["totalQuantity"]!.GetValue<int>());

        var center = Assert.Single((await app.Anonymous().Json("/api/coupons")).AsArray())!;
        Assert.Equal(8, center["left"]!.GetValue<int>());
        Assert.Equal("立减 12 元", center.Str("rule").Split('；')[0]);
        await member.ClaimAsync(id);
        await (await admin.PatchAsJsonAsync($"/api/admin/coupons/{id}", new { totalQuantity = 0 })).ShouldFail(HttpStatusCode.BadRequest, "coupon.quantity_invalid");

        await (await admin.PostAsync($"/api/admin/coupons/{id}/stop", null)).ShouldBe(HttpStatusCode.OK);
        await (await member.PostAsync($"/api/coupons/{id}/claims", null)).ShouldFail(HttpStatusCode.UnprocessableEntity, "coupon.not_claimable");
        Assert.Equal(["coupon.create", "coupon.update", "coupon.publish", "coupon.update", "coupon.stop"],
            await app.WithDb(db => db.AuditEntries.Where(a => a.EntityType == "coupon").OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Staff_without_marketing_write_cannot_set_up_coupons()
    {
        await using var app = await MallApp.StartAsync();
        var service = await app.StaffAsync("service");
        var operations = await app.StaffAsync("operations");

        Assert.Equal(HttpStatusCode.Forbidden, (await service.PostAsJsonAsync("/api/admin/coupons", new { name = "券", kind = "amount", amount = 10, validDays = 3 })).StatusCode);
        await (await operations.PostAsJsonAsync("/api/admin/coupons", new { name = "券", kind = "amount", amount = 10, validDays = 3 })).ShouldBe(HttpStatusCode.Created);
        await (await service.GetAsync("/api/admin/coupons")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_member_claims_by_code_and_sees_the_rule_in_plain_words_in_their_language()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var id = await admin.CouponAsync(new { name = "满 100 减 15", kind = "threshold", threshold = 100, amount = 15, validDays = 7, claimCode = "Spring15" });
        var member = await app.MemberAsync("13812345678");

        var claimed = await (await member.PostAsJsonAsync("/api/coupons/claims", new { code = "spring15" })).ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsJsonAsync("/api/coupons/claims", new { code = "NOPE1234" })).ShouldFail(HttpStatusCode.NotFound, "coupon.not_found");

        var mine = Assert.Single(await member.MyCouponsAsync("available"))!;
        Assert.Equal(claimed.Str("memberCouponId"), mine.Str("id"));
        Assert.Equal(id.ToString(), mine.Str("couponId"));
        Assert.Equal("threshold", mine.Str("kind"));
        Assert.StartsWith("满 100 减 15", mine.Str("rule"));
        var english = (await member.Json("/api/me/coupons?status=available&culture=en")).AsArray().Single()!;
        Assert.StartsWith("¥15 off orders of ¥100 or more", english.Str("rule"));
        await (await member.GetAsync("/api/me/coupons?status=lost")).ShouldFail(HttpStatusCode.BadRequest, "coupon.status_invalid");
    }

    [Fact]
    public async Task Staff_grant_a_coupon_to_members_and_an_unknown_member_writes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var id = await admin.CouponAsync(new { name = "回馈券", kind = "amount", amount = 5, validDays = 7, totalQuantity = 10 });
        var (a, _) = await app.RegisterAsync(phone: "13812345678");
        var (b, _) = await app.RegisterAsync(phone: "13812345679");

        await (await admin.PostAsJsonAsync($"/api/admin/coupons/{id}/grants", new { memberIds = new[] { a, Guid.CreateVersion7() } }))
            .ShouldFail(HttpStatusCode.NotFound, "member.not_found");
        Assert.Equal(0, await app.WithDb(db => db.MemberCoupons.CountAsync()));
        Assert.Equal(0, (await admin.Json($"/api/admin/coupons/{id}"))["claimed"]!.GetValue<int>());

        var granted = await (await admin.PostAsJsonAsync($"/api/admin/coupons/{id}/grants", new { memberIds = new[] { a, b, a } })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(2, granted["granted"]!.GetValue<int>());
        Assert.Equal(2, (await admin.Json($"/api/admin/coupons/{id}"))["claimed"]!.GetValue<int>());
        Assert.Single(await (await app.SignInAsync("13812345679")).MyCouponsAsync("available"));
        Assert.Equal(1, await app.WithDb(db => db.AuditEntries.CountAsync(e => e.Action == "coupon.grant")));
        Assert.Equal(2, await app.WithDb(db => db.MemberCoupons.CountAsync(m => m.Source == "grant" && m.Status == MemberCouponStatus.Available)));
    }
}
