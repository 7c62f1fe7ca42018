using System.Net;
using System.Net.Http.Json;
using System.Text;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Platform;

/// <summary>Input crafted to break the app answers 400 (or 413) with a code and changes nothing.</summary>
public class HostileInputTests
{
    [Fact]
    public async Task A_NUL_character_in_a_body_a_list_or_a_query_is_refused_before_it_reaches_the_database()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678", "张三");
        var admin = await app.AdminAsync();

        await (await member.PatchAsJsonAsync("/api/me", new { name = "张\u0000三" })).ShouldFail(HttpStatusCode.BadRequest, "request.nul_character");
        await (await member.PatchAsJsonAsync("/api/me", new { interests = new[] { "旅行", "美\u0000妆" } })).ShouldFail(HttpStatusCode.BadRequest, "request.nul_character");
        await (await admin.GetAsync("/api/admin/members?q=" + Uri.EscapeDataString("张\u0000"))).ShouldFail(HttpStatusCode.BadRequest, "request.nul_character");
        await (await app.Anonymous().GetAsync("/api/products?q=%00")).ShouldFail(HttpStatusCode.BadRequest, "request.nul_character");

        Assert.Equal("张三", (await member.Json("/api/me")).Str("name"));
    }

    [Fact]
    public async Task Texts_inside_lists_are_bounded_and_so_is_the_body()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");

        var bad = await (await member.PatchAsJsonAsync("/api/me", new { interests = new[] { "旅行", new string('x', 31) } })).ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        Assert.NotNull(bad["errors"]!["Interests"] ?? bad["errors"]!["interests"]);
        await (await member.PatchAsJsonAsync("/api/me", new { interests = new[] { new string('x', 20_000) } })).ShouldFail(HttpStatusCode.BadRequest, "text.too_long");
        var huge = new StringContent("{\"name\":\"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json");
        await (await member.PatchAsync("/api/me", huge)).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "request.too_large");

        Assert.Empty((await member.Json("/api/me"))["interests"]!.AsArray());
    }

    [Fact]
    public async Task Out_of_range_numbers_and_dates_are_400_with_a_code()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13812345678");
        var admin = await app.AdminAsync();
        var entries = await app.WithDb(db => db.PointsEntries.CountAsync());

        await (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = long.MinValue, reason = "x" }))
            .ShouldFail(HttpStatusCode.BadRequest, "points.amount_invalid");
        // A cursor that decodes to a time before year 1 (ticks of long.MinValue).
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"Key\":-9223372036854775808,\"No\":\"x\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await (await admin.GetAsync($"/api/admin/members?sort=-registeredAt&cursor={cursor}")).ShouldFail(HttpStatusCode.BadRequest, "date.out_of_range");
        await (await admin.GetAsync("/api/admin/orders?from=0001-01-01T00:00:00Z")).ShouldFail(HttpStatusCode.BadRequest, "date.out_of_range");
        // A time written with an offset is the same instant in UTC (PostgreSQL takes UTC only).
        await (await admin.GetAsync("/api/admin/orders?to=" + Uri.EscapeDataString("2020-01-01T00:00:00+08:00"))).ShouldBe(HttpStatusCode.OK);
        await (await admin.GetAsync("/api/admin/members?registeredFrom=" + Uri.EscapeDataString("2020-01-01T00:00:00-05:00"))).ShouldBe(HttpStatusCode.OK);
        await (await admin.GetAsync("/api/admin/members?registeredTo=9999-12-31T00:00:00Z")).ShouldFail(HttpStatusCode.BadRequest, "date.out_of_range");
        await (await app.Anonymous().GetAsync("/api/products?minPrice=100000000000000000")).ShouldFail(HttpStatusCode.BadRequest, "money.out_of_range");

        Assert.Equal(entries, await app.WithDb(db => db.PointsEntries.CountAsync()));
    }
}
