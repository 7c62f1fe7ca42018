using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Coupons;
using MemberMall.Tests.Support;
using MemberMall.Tests.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Messages;

public class MessageTests
{
    private static async Task<int> DispatchAsync(HttpClient admin) =>
        (await (await admin.PostAsync("/api/admin/jobs/outbox.dispatch/run", null)).ShouldBe(HttpStatusCode.OK))["processed"]!.GetValue<int>();

    private static async Task<List<JsonNode>> ItemsAsync(HttpClient member, string query = "") =>
        (await member.Json("/api/me/messages?pageSize=100" + query))["items"]!.AsArray().Select(i => i!).ToList();

    private static async Task<int> UnreadAsync(HttpClient member) => (await member.Json("/api/me/messages"))["unreadCount"]!.GetValue<int>();

    [Fact]
    public async Task Paying_shipping_a_refund_sent_and_tier_moves_each_leave_the_member_a_message()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await TierTests.LadderAsync(admin, "periodic");
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var tea = await admin.ProductAsync("云南普洱茶饼", 80m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();

        var big = await app.PaidOrderAsync(member, address, (monitor, 1));
        var small = await app.PaidOrderAsync(member, address, (tea, 1));
        (await admin.PostAsJsonAsync($"/api/admin/orders/{small.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF1" })).EnsureSuccessStatusCode();
        var request = await (await member.PostAsJsonAsync($"/api/orders/{big.Str("id")}/after-sales",
            new { type = "refund", items = new[] { new { orderItemId = big["items"]![0].Str("id"), quantity = 1 } }, reason = "不要了" })).ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/approve", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/after-sales/{request.Str("id")}/refund", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/jobs/payments.send-refunds/run", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/jobs/tiers.reevaluate/run", null)).EnsureSuccessStatusCode();
        Assert.Empty(await ItemsAsync(member));

        await DispatchAsync(admin);

        var items = await ItemsAsync(member);
        JsonNode One(string kind, string? link = null) => Assert.Single(items, i => i.Str("kind") == kind && (link is null || i["link"]?.GetValue<string>() == link));
        var bigLink = $"/me/orders/{big.Str("id")}";
        var smallLink = $"/me/orders/{small.Str("id")}";
        var paid = One("order_paid", bigLink);
        Assert.Equal("订单已支付", paid.Str("title"));
        Assert.Contains(big.Str("orderNo"), paid.Str("body"));
        Assert.False(paid["read"]!.GetValue<bool>());
        One("order_paid", smallLink);
        Assert.Contains(small.Str("orderNo"), One("order_shipped", smallLink).Str("body"));
        var refund = One("refund_sent", bigLink);
        Assert.Equal("退款已到账", refund.Str("title"));
        Assert.Contains(big.Str("orderNo"), refund.Str("body"));
        Assert.Contains(items, i => i.Str("kind") == "tier_up" && i.Str("body").Contains("银卡会员"));
        Assert.Contains(items, i => i.Str("kind") == "tier_down" && i.Str("body").Contains("普通会员") && i.Str("link") == "/me/tier");
        // Newest first.
        Assert.Equal(items.Select(i => i.Str("id")).OrderDescending(), items.Select(i => i.Str("id")));

        var english = (await member.Json("/api/me/messages?pageSize=100&culture=en"))["items"]!.AsArray();
        Assert.Contains(english, i => i!.Str("kind") == "refund_sent" && i.Str("title") == "Refund sent");
        Assert.Contains(english, i => i!.Str("kind") == "order_shipped" && i.Str("title") == "Order shipped");
    }

    [Fact]
    public async Task A_coupon_claimed_or_granted_and_points_about_to_expire_leave_the_member_a_message()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync("/api/admin/points/settings", new
        {
            earnRate = 1, returnWindowDays = 7, expiry = "days_after_available", expiryDays = 30, redeemPointsPerYuan = 100, redeemMinPoints = 100,
            redeemMaxPointsPerOrder = 100000, redeemMaxSharePercent = 50, registrationPoints = 100, firstOrderPoints = 0, reviewPoints = 0,
        })).EnsureSuccessStatusCode();
        var member = await app.MemberAsync("13812345678");
        var memberId = Guid.Parse((await member.Json("/api/me")).Str("id"));
        var claimable = await admin.CouponAsync(new { name = "立减 10 元", kind = "amount", amount = 10, validDays = 30, totalQuantity = 5 });
        var gift = await admin.CouponAsync(new { name = "生日礼券", kind = "amount", amount = 20, validDays = 30 });
        await member.ClaimAsync(claimable);
        (await admin.PostAsJsonAsync($"/api/admin/coupons/{gift}/grants", new { memberIds = new[] { memberId } })).EnsureSuccessStatusCode();

        await DispatchAsync(admin);
        var coupons = (await ItemsAsync(member)).Where(i => i.Str("kind") == "coupon_received").Select(i => i.Str("body")).ToList();
        Assert.Equal(2, coupons.Count);
        Assert.Contains(coupons, b => b.Contains("立减 10 元"));
        Assert.Contains(coupons, b => b.Contains("生日礼券"));

        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(25), "points.remind");
        await DispatchAsync(admin);
        member = await app.SignInAsync("13812345678");
        var expiring = Assert.Single(await ItemsAsync(member), i => i.Str("kind") == "points_expiring");
        Assert.Equal("积分即将过期", expiring.Str("title"));
        Assert.Contains("100", expiring.Str("body"));
        Assert.Equal("/me/points", expiring.Str("link"));
    }

    [Fact]
    public async Task Reading_lowers_the_unread_count_and_another_member_can_neither_see_nor_mark_the_messages()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("云南普洱茶饼", 80m, 10);
        var member = await app.MemberAsync("13812345678");
        var other = await app.MemberAsync("13912345678");
        var address = await member.AddressAsync();
        await app.PaidOrderAsync(member, address, (tea, 1));
        await app.PaidOrderAsync(member, address, (tea, 1));
        await app.PaidOrderAsync(member, address, (tea, 1));
        await DispatchAsync(admin);

        var items = await ItemsAsync(member);
        var total = items.Count;
        Assert.True(total >= 3);
        Assert.Equal(total, await UnreadAsync(member));
        Assert.Empty(await ItemsAsync(other));
        Assert.Equal(0, await UnreadAsync(other));

        var first = items[0].Str("id");
        await (await other.PostAsync($"/api/me/messages/{first}/read", null)).ShouldFail(HttpStatusCode.NotFound, "message.not_found");
        await (await other.PostAsync("/api/me/messages/read-all", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(total, await UnreadAsync(member));

        var read = await (await member.PostAsync($"/api/me/messages/{first}/read", null)).ShouldBe(HttpStatusCode.OK);
        Assert.True(read["read"]!.GetValue<bool>());
        Assert.Equal(total - 1, await UnreadAsync(member));
        // Reading it again changes nothing.
        await (await member.PostAsync($"/api/me/messages/{first}/read", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(total - 1, await UnreadAsync(member));
        Assert.DoesNotContain(await ItemsAsync(member, "&unread=true"), i => i.Str("id") == first);
        Assert.Equal([first], (await ItemsAsync(member, "&unread=false")).Select(i => i.Str("id")));

        var page = await member.Json("/api/me/messages?page=2&pageSize=2");
        Assert.Equal(total, page["total"]!.GetValue<long>());
        Assert.Equal(2, page["page"]!.GetValue<int>());

        var all = await (await member.PostAsync("/api/me/messages/read-all", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(total - 1, all["marked"]!.GetValue<int>());
        Assert.Equal(0, all["unreadCount"]!.GetValue<int>());
        Assert.Equal(0, await UnreadAsync(member));
        await (await member.PostAsync($"/api/me/messages/{Guid.CreateVersion7()}/read", null)).ShouldFail(HttpStatusCode.NotFound, "message.not_found");
    }

    [Fact]
    public async Task An_outbox_row_handed_over_again_makes_no_second_message()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("云南普洱茶饼", 80m, 10);
        var member = await app.MemberAsync("13812345678");
        await app.PaidOrderAsync(member, await member.AddressAsync(), (tea, 1));
        await DispatchAsync(admin);
        var before = await ItemsAsync(member);
        Assert.Single(before, i => i.Str("kind") == "order_paid");

        // As after a dispatcher whose commit was lost: every row is unprocessed again.
        await app.WithDb(db => db.OutboxMessages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)));
        Assert.True(await DispatchAsync(admin) > 0);

        var after = await ItemsAsync(member);
        Assert.Equal(before.Select(i => i.Str("id")), after.Select(i => i.Str("id")));
    }

    [Fact]
    public async Task The_purge_deletes_read_messages_past_the_retention_window_and_keeps_unread_ones()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var tea = await admin.ProductAsync("云南普洱茶饼", 80m, 10);
        var member = await app.MemberAsync("13812345678");
        var address = await member.AddressAsync();
        await app.PaidOrderAsync(member, address, (tea, 1));
        await app.PaidOrderAsync(member, address, (tea, 1));
        await DispatchAsync(admin);
        var items = await ItemsAsync(member);
        await (await member.PostAsync($"/api/me/messages/{items[0].Str("id")}/read", null)).ShouldBe(HttpStatusCode.OK);

        var early = await (await admin.PostAsync("/api/admin/jobs/messages.purge/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, early["processed"]!.GetValue<int>());
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(181), "messages.purge");

        Assert.Equal(items.Count - 1, await app.WithDb(db => db.MemberMessages.CountAsync()));
        Assert.Equal(0, await app.WithDb(db => db.MemberMessages.CountAsync(m => m.ReadAt != null)));
    }
}
