using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Web;

/// <summary>The console's loyalty screens as the server first renders them: who may open which, and what they show.</summary>
public class LoyaltyPagesTests
{
    private static async Task<HttpClient> ConsoleAsync(MallApp app, string role)
    {
        var admin = await app.AdminAsync();
        var userName = role + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName, displayName = role, role, password = "staff2026pass" })).EnsureSuccessStatusCode();
        var browser = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("/admin/login", userName, "staff2026pass")).StatusCode);
        return browser;
    }

    private static async Task AssertDeniedAsync(HttpClient browser, string page)
    {
        var response = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/denied", response.RedirectPath());
    }

    [Fact]
    public async Task Finance_reviews_withdrawals_with_masked_accounts_but_service_staff_are_denied()
    {
        await using var app = await MallApp.StartAsync();
        await app.PendingWithdrawalAsync();

        var finance = await ConsoleAsync(app, "finance");
        var html = WebUtility.HtmlDecode(await finance.GetStringAsync("/admin/loyalty/withdrawals"));
        Assert.Contains("data-testid=\"withdrawals-table\"", html);
        Assert.Contains("****2233", html);
        Assert.DoesNotContain("6222020200112233", html);
        Assert.Contains("¥10.00", html);
        Assert.Contains("nav-loyalty-withdrawals", html);

        var service = await ConsoleAsync(app, "service");
        await AssertDeniedAsync(service, "/admin/loyalty/withdrawals");
        var serviceHome = await service.GetStringAsync("/admin");
        Assert.DoesNotContain("nav-loyalty-withdrawals", serviceHome);
        Assert.Contains("nav-loyalty-risk", serviceHome);
    }

    [Fact]
    public async Task Only_admins_open_the_jobs_page_and_it_lists_every_job()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await ConsoleAsync(app, "admin");
        var html = await admin.GetStringAsync("/admin/jobs");
        foreach (var job in new[] { "orders.auto-cancel", "orders.auto-complete", "points.release", "points.expire", "tiers.reevaluate", "rebates.release", "rebates.settle" })
            Assert.Contains(job, html);
        Assert.Contains("nav-jobs", html);

        var operations = await ConsoleAsync(app, "operations");
        await AssertDeniedAsync(operations, "/admin/jobs");
        Assert.DoesNotContain("nav-jobs", await operations.GetStringAsync("/admin"));
    }

    [Fact]
    public async Task Every_staff_role_reads_the_tier_ladder_but_only_admins_get_the_edit_buttons()
    {
        await using var app = await MallApp.StartAsync();
        var api = await app.AdminAsync();
        (await api.PostAsJsonAsync("/api/admin/tiers", new { code = "gold", name = "金卡会员", rank = 2, metric = "spend", threshold = 5000, pricePercent = 95 }))
            .EnsureSuccessStatusCode();

        var adminHtml = WebUtility.HtmlDecode(await (await ConsoleAsync(app, "admin")).GetStringAsync("/admin/loyalty/tiers"));
        Assert.Contains("金卡会员", adminHtml);
        Assert.Contains("¥5,000.00", adminHtml);
        Assert.Contains("data-testid=\"tier-create\"", adminHtml);
        Assert.Contains("data-testid=\"tier-edit\"", adminHtml);

        var analystHtml = WebUtility.HtmlDecode(await (await ConsoleAsync(app, "analyst")).GetStringAsync("/admin/loyalty/tiers"));
        Assert.Contains("金卡会员", analystHtml);
        Assert.DoesNotContain("data-testid=\"tier-create\"", analystHtml);
        Assert.DoesNotContain("data-testid=\"tier-edit\"", analystHtml);
        Assert.DoesNotContain("data-testid=\"tier-policy-save\"", analystHtml);
    }

    [Fact]
    public async Task The_member_page_shows_the_loyalty_card_and_only_writers_get_the_adjust_button()
    {
        await using var app = await MallApp.StartAsync();
        // Registration itself earns 100 points.
        var (id, _) = await app.RegisterAsync(phone: "13712345678", name: "积分会员");
        var api = await app.AdminAsync();
        (await api.PostAsJsonAsync($"/api/admin/members/{id}/points/adjustments", new { points = 321, reason = "活动补发" })).EnsureSuccessStatusCode();

        var service = WebUtility.HtmlDecode(await (await ConsoleAsync(app, "service")).GetStringAsync($"/admin/members/{id}"));
        Assert.Contains("data-testid=\"member-loyalty\"", service);
        Assert.Contains("积分与等级", service);
        Assert.Contains("data-testid=\"points-adjust\"", service);
        Assert.Matches("data-testid=\"member-points-available\"[^>]*>421<", service);
        Assert.Contains("活动补发", service);
        Assert.Contains("会员奖励", service);                  // the registration bonus, named in the screen's language
        Assert.DoesNotContain("registration bonus", service);

        var finance = WebUtility.HtmlDecode(await (await ConsoleAsync(app, "finance")).GetStringAsync($"/admin/members/{id}"));
        Assert.Contains("data-testid=\"member-loyalty\"", finance);
        Assert.DoesNotContain("data-testid=\"points-adjust\"", finance);
    }

    [Fact]
    public async Task The_points_rebates_and_risk_pages_show_what_the_api_holds_in_chinese_and_english()
    {
        await using var app = await MallApp.StartAsync();
        var api = await app.AdminAsync();
        var audio = await api.CategoryAsync("耳机音响");
        (await api.PostAsJsonAsync("/api/admin/points/rules", new { scope = "category", targetId = audio, rate = 3, name = "耳机音响" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/admin/points/campaigns",
            new { name = "会员日双倍积分", startsAt = TestClock.DefaultStart, endsAt = TestClock.DefaultStart.AddDays(1), multiplier = 2 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/admin/rebate-rules", new { name = "大单返 3%", scope = "all", minOrder = 500, percent = 3 })).EnsureSuccessStatusCode();
        var (memberId, memberNo) = await app.RegisterAsync(phone: "13712345678");
        await app.Service(sp => sp.GetRequiredService<MemberMall.Features.Risk.RiskFlags>())
            .RaiseAsync("referral.self", memberId, "A registration used this member's referral code from the member's own device.", CancellationToken.None);

        var admin = await ConsoleAsync(app, "admin");
        var points = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/loyalty/points"));
        Assert.Contains("耳机音响", points);
        Assert.Contains("会员日双倍积分", points);
        Assert.Contains("data-testid=\"points-settings-save\"", points);
        var rebates = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/loyalty/rebates"));
        Assert.Contains("大单返 3%", rebates);
        Assert.Contains("data-testid=\"statements\"", rebates);
        var risk = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/loyalty/risk"));
        Assert.Contains("自我推荐", risk);
        Assert.Contains(memberNo, risk);
        var english = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/loyalty/risk?culture=en"));
        Assert.Contains("Self-referral", english);
        Assert.Contains("Risk flags", english);

        // Analysts read the rules; rule changes and statements are finance's.
        var analyst = await ConsoleAsync(app, "analyst");
        var analystRebates = WebUtility.HtmlDecode(await analyst.GetStringAsync("/admin/loyalty/rebates"));
        Assert.Contains("大单返 3%", analystRebates);
        Assert.DoesNotContain("data-testid=\"rebate-rule-add\"", analystRebates);
        Assert.DoesNotContain("data-testid=\"statements\"", analystRebates);
        Assert.DoesNotContain("data-testid=\"points-settings-save\"", await analyst.GetStringAsync("/admin/loyalty/points"));
    }
}
