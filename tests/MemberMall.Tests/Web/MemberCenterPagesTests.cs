using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MemberMall.Tests.Support;
using MemberMall.Tests.Tiers;

namespace MemberMall.Tests.Web;

/// <summary>The member center's loyalty pages as the server first renders them, with the member's own figures.</summary>
public partial class MemberCenterPagesTests
{
    private const string Phone = "13812345678";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<HttpClient> CookieMemberAsync(MallApp app, string phone = Phone)
    {
        var browser = app.Anonymous();
        var response = await browser.SignInAsync("/login", phone, MallApp.MemberPassword, formName: "member-login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text inside the first element carrying <paramref name="testId"/> (tags stripped, spaces trimmed).</summary>
    private static string TextOf(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element with data-testid=\"{testId}\"");
        return Regex.Replace(match.Groups[1].Value, "<[^>]+>", "").Trim();
    }

    private static int Count(string html, string testId) => Regex.Matches(html, $"data-testid=\"{Regex.Escape(testId)}\"").Count;

    [Fact]
    public async Task The_loyalty_pages_send_anonymous_visitors_to_sign_in()
    {
        await using var app = await MallApp.StartAsync();
        var anonymous = app.Anonymous();
        foreach (var page in new[] { "/me/points", "/me/tier", "/me/rebates", "/me/referrals", "/me/check-in" })
        {
            var response = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(page), response.RedirectPath());
        }
    }

    [Fact]
    public async Task After_a_manual_adjustment_the_points_page_and_the_me_card_show_the_balance_and_the_ledger_entry()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: Phone);
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 1234, reason = "客服补偿" })).ShouldBe(HttpStatusCode.OK);
        var browser = await CookieMemberAsync(app);

        var points = await PageAsync(browser, "/me/points");
        var me = await PageAsync(browser, "/me");

        // 100 welcome points at registration plus the adjustment.
        Assert.Equal("1,334", TextOf(points, "points-available"));
        Assert.Equal("0", TextOf(points, "points-pending"));
        Assert.Equal(2, Count(points, "points-entry"));
        Assert.Equal("人工调整", TextOf(points, "points-entry-kind"));
        Assert.Equal("客服调整 · 客服补偿", TextOf(points, "points-entry-source"));
        Assert.Equal("+1,234", TextOf(points, "points-entry-points"));
        Assert.Contains("7 天退货期", TextOf(points, "points-pending-help"));
        Assert.Equal(1, Count(points, "points-expiring-none"));
        Assert.Equal("1,334", TextOf(me, "me-points"));
        Assert.Equal("¥0.00", TextOf(me, "me-rebate"));
    }

    [Fact]
    public async Task Points_entries_carry_the_shops_note_codes_and_the_points_page_puts_them_into_words()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 128.8m, 10);
        var member = await app.MemberAsync(Phone);
        var orderNo = (await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1))).Str("orderNo");

        var notes = (await member.Json("/api/me/points/entries"))["items"]!.AsArray()
            .Select(e => (Source: e!["source"]!["type"]!.GetValue<string>(), Note: e["note"]?.GetValue<string>())).ToList();
        Assert.Contains(("order", (string?)MemberMall.Features.Points.PointsNotes.FirstOrderBonus), notes);
        Assert.Contains(("order", (string?)("order:" + orderNo)), notes);

        var sources = Regex.Matches(await PageAsync(await CookieMemberAsync(app), "/me/points"), "data-testid=\"points-entry-source\"[^>]*>(.*?)</", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Contains("首单奖励", sources);
        Assert.Contains("订单 " + orderNo, sources);
        Assert.DoesNotContain(sources, s => s.Contains("order", StringComparison.Ordinal) || s.Contains("bonus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Points_that_expire_within_thirty_days_are_listed_with_their_dates()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: Phone);
        var admin = await app.AdminAsync();
        await (await admin.PostAsJsonAsync($"/api/admin/members/{memberId}/points/adjustments", new { points = 250, reason = "活动奖励" })).ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(350));
        admin = await app.AdminAsync();
        var summary = await admin.Json($"/api/admin/members/{memberId}/points");
        var expiring = summary["expiring"]!.AsArray();
        Assert.Equal(2, expiring.Count);
        var browser = await CookieMemberAsync(app);

        var html = await PageAsync(browser, "/me/points");

        Assert.Equal(2, Count(html, "points-expiring-row"));
        foreach (var lot in expiring)
        {
            var day = TimeZoneInfo.ConvertTime(lot!["expiresAt"]!.GetValue<DateTimeOffset>(), Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Contains($"{day} 到期", html);
        }
        var section = html[html.IndexOf("data-testid=\"points-expiring\"", StringComparison.Ordinal)..html.IndexOf("data-testid=\"points-ledger\"", StringComparison.Ordinal)];
        Assert.Contains(">250</span>", section);
        Assert.Contains(">100</span>", section);
    }

    [Fact]
    public async Task The_tier_page_shows_benefits_what_is_missing_for_the_next_tier_and_the_history()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.PostTierAsync(new { code = "normal", name = "普通会员", rank = 0, metric = "spend", threshold = 0 });
        await admin.PostTierAsync(new { code = "silver", name = "银卡会员", rank = 1, metric = "spend", threshold = 1000, pricePercent = 95, pointsMultiplier = 2 });
        await admin.PostTierAsync(new { code = "gold", name = "金卡会员", rank = 2, metric = "spend", threshold = 5000, pricePercent = 90, freeShipping = true });
        var monitor = await admin.ProductAsync("4K 高清显示器", 1200m, 10);
        var member = await app.MemberAsync(Phone);
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (monitor, 1));
        var browser = await CookieMemberAsync(app);

        var html = await PageAsync(browser, "/me/tier");
        var me = await PageAsync(browser, "/me");

        Assert.Equal("银卡会员", TextOf(html, "tier-name"));
        Assert.Contains("会员价 9.5 折", html);
        Assert.Contains("购物积分 2 倍", html);
        Assert.Equal("还差 ¥3,800.00 升级为金卡会员", TextOf(html, "tier-missing"));
        Assert.Contains("data-percent=\"24\"", html);
        Assert.True(Count(html, "tier-history-row") >= 1);
        Assert.Equal($"订单 {order.Str("orderNo")} 付款，达到银卡会员条件", TextOf(html, "tier-history-reason"));
        Assert.Equal("银卡会员", TextOf(me, "me-tier"));

        var english = await PageAsync(browser, "/me/tier?culture=en");
        Assert.Equal("¥3,800.00 more to reach 金卡会员", TextOf(english, "tier-missing"));
    }

    [Fact]
    public async Task The_rebates_page_shows_the_balances_and_withdrawals_with_the_account_masked()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await admin.RebateProgramAsync("immediate", withdrawMin: 2);
        var keyboard = await admin.ProductAsync("机械键盘", 100m, 20);
        var member = await app.MemberAsync(Phone);
        var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (keyboard, 2));
        await admin.DeliverAsync(order.Str("id"));
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "orders.auto-complete");
        admin = await app.RunJobAfterAsync(TimeSpan.FromDays(8), "rebates.release");
        member = await app.SignInAsync(Phone);
        await (await member.PostAsJsonAsync("/api/me/withdrawals", new { amount = 4, account = "6222020200112233", accountType = "bank_card" })).ShouldBe(HttpStatusCode.Created);
        var browser = await CookieMemberAsync(app);

        var html = await PageAsync(browser, "/me/rebates");
        var me = await PageAsync(browser, "/me");

        Assert.Equal("¥6.00", TextOf(html, "rebate-available"));
        Assert.Equal("¥0.00", TextOf(html, "rebate-pending"));
        Assert.Equal("¥4.00", TextOf(html, "rebate-frozen"));
        Assert.Equal(1, Count(html, "accrual-row"));
        Assert.Equal(1, Count(html, "withdrawal-row"));
        Assert.Equal("****2233", TextOf(html, "withdrawal-account"));
        Assert.Equal("审核中", TextOf(html, "withdrawal-status"));
        Assert.Equal("¥4.00", TextOf(html, "withdrawal-amount"));
        Assert.DoesNotContain("6222020200112233", html);
        Assert.Equal("¥6.00", TextOf(me, "me-rebate"));
    }

    [Fact]
    public async Task The_referral_and_check_in_pages_show_the_code_the_invitee_and_today_checked_in()
    {
        await using var app = await MallApp.StartAsync();
        var referrer = await app.MemberAsync(Phone);
        var code = (await referrer.Json("/api/me")).Str("referralCode");
        (await app.Anonymous().PostAsJsonAsync("/api/auth/register",
            new { phone = "13812340002", password = MallApp.MemberPassword, name = "李小红", referralCode = code, deviceId = "phone-B" })).EnsureSuccessStatusCode();
        await (await referrer.PostAsync("/api/me/check-ins", null)).ShouldBe(HttpStatusCode.OK);
        var browser = await CookieMemberAsync(app);

        var referrals = await PageAsync(browser, "/me/referrals");
        var checkIn = await PageAsync(browser, "/me/check-in");

        Assert.Equal(code, TextOf(referrals, "referral-code"));
        Assert.Equal(1, Count(referrals, "invitee-row"));
        Assert.Contains("李**", referrals);
        Assert.DoesNotContain("李小红", referrals);
        Assert.Equal("待首单完成", TextOf(referrals, "invitee-reward"));

        // The test clock starts at 2026-03-15 10:00 in Shanghai.
        Assert.Equal("2026-03", TextOf(checkIn, "checkin-month"));
        Assert.Equal(31, Count(checkIn, "checkin-day"));
        Assert.Matches("data-testid=\"checkin-day\" data-date=\"2026-03-15\" data-checked=\"true\" data-today=\"true\"", checkIn);
        Assert.Single(Regex.Matches(checkIn, "data-checked=\"true\""));
        Assert.Equal("1 天", TextOf(checkIn, "checkin-streak"));
        Assert.Equal("105", TextOf(checkIn, "checkin-points"));
        Assert.Matches("<button[^>]*disabled[^>]*data-testid=\"checkin-button\"|<button[^>]*data-testid=\"checkin-button\"[^>]*disabled", checkIn);
        Assert.Contains("再连续签到 6 天可得额外奖励", checkIn);
    }
}
