using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Members;

public class MeTests
{
    [Fact]
    public async Task A_member_updates_the_profile_and_reads_it_back()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");

        var updated = await (await member.PatchAsJsonAsync("/api/me", new { name = "李娜", gender = "female", birthday = "1990-05-20", interests = new[] { "美妆", "旅行", "美妆" } }))
            .ShouldBe(HttpStatusCode.OK);

        Assert.Equal("李娜", updated.Str("name"));
        Assert.Equal("female", updated.Str("gender"));
        Assert.Equal("1990-05-20", updated.Str("birthday"));
        Assert.Equal(["美妆", "旅行"], updated["interests"]!.AsArray().Select(i => i!.GetValue<string>()));
    }

    [Fact]
    public async Task A_birthday_in_the_future_is_refused_and_changes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678", name: "王芳");

        await (await member.PatchAsJsonAsync("/api/me", new { name = "改名", birthday = "2030-01-01" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "member.birthday_invalid");

        var me = await member.GetFromJsonAsync<JsonNode>("/api/me");
        Assert.Equal("王芳", me.Str("name"));
    }

    [Fact]
    public async Task An_unknown_gender_value_is_400()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        await (await member.PatchAsJsonAsync("/api/me", new { gender = "robot" })).ShouldFail(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1)]
    public async Task A_gender_sent_as_a_number_is_400_and_changes_nothing(int gender)
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        await (await member.PatchAsJsonAsync("/api/me", new { gender = "male" })).ShouldBe(HttpStatusCode.OK);

        await (await member.PatchAsJsonAsync("/api/me", new { gender })).ShouldFail(HttpStatusCode.BadRequest, "request.malformed");

        Assert.Equal("male", (await member.GetFromJsonAsync<JsonNode>("/api/me")).Str("gender"));
    }

    [Fact]
    public async Task The_address_book_adds_edits_switches_default_and_deletes()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");

        var first = await (await member.PostAsJsonAsync("/api/me/addresses", new { name = "张三", phone = "13900001111", province = "上海市", city = "上海市", district = "浦东新区", detail = "世纪大道 100 号" }))
            .ShouldBe(HttpStatusCode.Created);
        Assert.True(first["isDefault"]!.GetValue<bool>());
        var second = await (await member.PostAsJsonAsync("/api/me/addresses", new { name = "张三", phone = "13900002222", province = "浙江省", city = "杭州市", district = "西湖区", detail = "文三路 1 号", isDefault = true }))
            .ShouldBe(HttpStatusCode.Created);

        var book = (await member.GetFromJsonAsync<JsonArray>("/api/me/addresses"))!;
        Assert.Equal(2, book.Count);
        Assert.Equal(second.Str("id"), book.Single(a => a!["isDefault"]!.GetValue<bool>())!.Str("id"));
        Assert.Equal("世纪大道 100 号", book.Single(a => a.Str("id") == first.Str("id")).Str("detail"));

        (await member.PatchAsJsonAsync($"/api/me/addresses/{first.Str("id")}", new { name = "张三丰", phone = "13900001111", province = "上海市", city = "上海市", district = "徐汇区", detail = "漕溪北路 1 号" }))
            .EnsureSuccessStatusCode();
        (await member.DeleteAsync($"/api/me/addresses/{second.Str("id")}")).EnsureSuccessStatusCode();

        var remaining = Assert.Single((await member.GetFromJsonAsync<JsonArray>("/api/me/addresses"))!)!;
        Assert.Equal("张三丰", remaining.Str("name"));
        Assert.True(remaining["isDefault"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_address_with_a_bad_phone_or_missing_fields_is_400()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        await (await member.PostAsJsonAsync("/api/me/addresses", new { name = "张三", phone = "12345", province = "上海市", city = "上海市", detail = "x" }))
            .ShouldFail(HttpStatusCode.BadRequest, "address.phone_invalid");
        await (await member.PostAsJsonAsync("/api/me/addresses", new { name = "张三", phone = "13900001111" }))
            .ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        Assert.Empty((await member.GetFromJsonAsync<JsonArray>("/api/me/addresses"))!);
    }

    [Fact]
    public async Task A_member_cannot_touch_another_members_address()
    {
        await using var app = await MallApp.StartAsync();
        var owner = await app.MemberAsync("13812345678");
        var other = await app.MemberAsync("13812345679");
        var address = await (await owner.PostAsJsonAsync("/api/me/addresses", new { name = "张三", phone = "13900001111", province = "上海市", city = "上海市", detail = "世纪大道 100 号" }))
            .ShouldBe(HttpStatusCode.Created);

        await (await other.DeleteAsync($"/api/me/addresses/{address.Str("id")}")).ShouldFail(HttpStatusCode.NotFound, "address.not_found");
        Assert.Single((await owner.GetFromJsonAsync<JsonArray>("/api/me/addresses"))!);
    }
}
