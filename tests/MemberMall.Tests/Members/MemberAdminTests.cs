using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Members;

public class MemberAdminTests
{
    [Fact]
    public async Task Phones_are_masked_for_roles_without_the_pii_permission()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678", email: "zhang.wei@example.com", name: "张伟");

        var ops = await app.StaffAsync("operations");
        var masked = (await ops.GetFromJsonAsync<JsonNode>($"/api/admin/members/{id}"))!;
        Assert.Equal("138****5678", masked.Str("phone"));
        Assert.Equal("z***@example.com", masked.Str("email"));
        Assert.True(masked["piiMasked"]!.GetValue<bool>());
        var list = (await ops.GetFromJsonAsync<JsonNode>("/api/admin/members"))!;
        Assert.Equal("138****5678", list["items"]![0].Str("phone"));

        var service = await app.StaffAsync("service");
        var full = (await service.GetFromJsonAsync<JsonNode>($"/api/admin/members/{id}"))!;
        Assert.Equal("13812345678", full.Str("phone"));
        Assert.Equal("zhang.wei@example.com", full.Str("email"));
    }

    [Fact]
    public async Task Staff_find_members_by_phone_email_member_number_and_name_prefix()
    {
        await using var app = await MallApp.StartAsync();
        var (_, zhangNo) = await app.RegisterAsync(phone: "13812345678", name: "张伟");
        await app.RegisterAsync(phone: "13812345679", name: "张芳", email: "zhang.fang@example.com");
        await app.RegisterAsync(phone: "13812345680", name: "李娜");
        var admin = await app.AdminAsync();

        async Task<string[]> Names(string q) => (await admin.GetFromJsonAsync<JsonNode>("/api/admin/members?q=" + Uri.EscapeDataString(q)))!["items"]!
            .AsArray().Select(i => i.Str("name")).Order().ToArray();

        Assert.Equal(["张伟"], await Names("138 1234 5678"));
        Assert.Equal(["张芳"], await Names("ZHANG.FANG@example.com"));
        Assert.Equal(["张伟"], await Names(zhangNo));
        Assert.Equal(["张伟", "张芳"], await Names("张"));
        Assert.Empty(await Names("王"));
    }

    [Fact]
    public async Task Tag_filter_and_spend_sort_page_through_with_a_cursor_without_gaps_or_repeats()
    {
        await using var app = await MallApp.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++) ids.Add((await app.RegisterAsync(phone: $"1381234560{i}", name: $"会员{i}")).Id);
        await app.WithDb(async db =>
        {
            var members = await db.Members.ToListAsync();
            foreach (var m in members) m.RecordPurchase(ids.IndexOf(m.Id) % 3 * 10_000, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var admin = await app.AdminAsync();
        foreach (var id in ids.Take(5))
            (await admin.PostAsJsonAsync($"/api/admin/members/{id}/tags", new { name = "VIP" })).EnsureSuccessStatusCode();

        var seen = new List<(decimal Spend, string No)>();
        string? cursor = null;
        do
        {
            var page = (await admin.GetFromJsonAsync<JsonNode>("/api/admin/members?tag=VIP&sort=-totalSpend&pageSize=2" + (cursor is null ? "" : "&cursor=" + cursor)))!;
            Assert.Equal(5, page["total"]!.GetValue<int>());
            seen.AddRange(page["items"]!.AsArray().Select(i => (i!["totalSpend"]!.GetValue<decimal>(), i.Str("memberNo"))));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Select(s => s.No).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.Spend).ThenByDescending(s => s.No, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Spend_and_registration_filters_narrow_the_list()
    {
        await using var app = await MallApp.StartAsync();
        var rich = (await app.RegisterAsync(phone: "13812345601", name: "大客户")).Id;
        await app.RegisterAsync(phone: "13812345602", name: "新客户");
        await app.WithDb(async db =>
        {
            (await db.Members.SingleAsync(m => m.Id == rich)).RecordPurchase(99_900, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var admin = await app.AdminAsync();

        var page = (await admin.GetFromJsonAsync<JsonNode>("/api/admin/members?minSpend=500"))!;

        var only = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("大客户", only.Str("name"));
        Assert.Equal(999m, only["totalSpend"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Offset_paging_stops_at_ten_thousand_rows_and_bad_sorts_are_400()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.GetAsync("/api/admin/members?page=502&pageSize=20")).ShouldFail(HttpStatusCode.BadRequest, "paging.too_deep");
        await (await admin.GetAsync("/api/admin/members?sort=password")).ShouldFail(HttpStatusCode.BadRequest, "members.sort_invalid");
        await (await admin.GetAsync("/api/admin/members?cursor=%%%")).ShouldFail(HttpStatusCode.BadRequest, "paging.cursor_invalid");
    }

    [Fact]
    public async Task A_staff_edit_writes_an_audit_row_with_before_and_after_and_a_stale_edit_is_409()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678", name: "张伟");
        var service = await app.StaffAsync("service");
        var detail = (await service.GetFromJsonAsync<JsonNode>($"/api/admin/members/{id}"))!;
        var version = detail["version"]!.GetValue<long>();

        (await service.PatchAsJsonAsync($"/api/admin/members/{id}", new { version, name = "张伟伟" })).EnsureSuccessStatusCode();
        await (await service.PatchAsJsonAsync($"/api/admin/members/{id}", new { version, name = "旧版本" }))
            .ShouldFail(HttpStatusCode.Conflict, "concurrency.stale");

        var admin = await app.AdminAsync();
        var audit = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/audit?entityType=member&entityId={id}"))!;
        var row = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal("member.update", row.Str("action"));
        Assert.Equal("service", row.Str("actorRole"));
        Assert.Contains("张伟", row.Str("before"));
        Assert.Contains("张伟伟", row.Str("after"));
        Assert.DoesNotContain("13812345678", row.Str("before") + row.Str("after"));
    }

    [Fact]
    public async Task Tags_and_notes_are_added_and_removed_with_audit_rows()
    {
        await using var app = await MallApp.StartAsync();
        var (id, _) = await app.RegisterAsync(phone: "13812345678");
        var admin = await app.AdminAsync();

        (await admin.PostAsJsonAsync($"/api/admin/members/{id}/tags", new { name = "高潜力" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/members/{id}/tags", new { name = "高潜力" })).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"/api/admin/members/{id}/notes", new { body = "电话回访：对新品感兴趣" })).ShouldBe(HttpStatusCode.Created);
        var detail = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/members/{id}"))!;
        Assert.Equal(["高潜力"], detail["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("电话回访：对新品感兴趣", detail["notes"]![0].Str("body"));

        (await admin.DeleteAsync($"/api/admin/members/{id}/tags/{Uri.EscapeDataString("高潜力")}")).EnsureSuccessStatusCode();
        await (await admin.DeleteAsync($"/api/admin/members/{id}/tags/{Uri.EscapeDataString("高潜力")}")).ShouldFail(HttpStatusCode.NotFound, "tag.not_on_member");

        var actions = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/audit?entityId={id}"))!["items"]!.AsArray().Select(a => a.Str("action")).Order();
        Assert.Equal(["member.note_add", "member.tag_add", "member.tag_remove"], actions);
    }

    [Fact]
    public async Task An_unknown_member_is_404()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.GetAsync($"/api/admin/members/{Guid.NewGuid()}")).ShouldFail(HttpStatusCode.NotFound, "member.not_found");
    }
}
