using System.Net.Http.Json;
using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class LoyaltyConsoleTests
{
    [Fact]
    public async Task Admin_creates_a_tier_in_the_console_after_fixing_what_the_rules_refuse_and_the_api_lists_it()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.ById("nav-loyalty-tiers").ClickAsync();
        await Expect(b.ById("tiers-none")).ToBeVisibleAsync();

        await b.ById("tier-create").ClickAsync();
        await b.Field("tier-code").FillAsync("gold");
        await b.Field("tier-name").FillAsync("金卡会员");
        await b.Field("tier-rank").FillAsync("1");
        await b.Field("tier-threshold").FillAsync("5000");
        await b.Field("tier-price-percent").FillAsync("40");
        await b.ById("tier-save").ClickAsync();
        await Expect(b.ById("tier-error-code")).ToHaveTextAsync("tier.discount_invalid");
        await Expect(b.ById("tier-error")).ToContainTextAsync("50% 到 100%");

        await b.Field("tier-price-percent").FillAsync("95");
        await b.ById("tier-save").ClickAsync();
        await Expect(b.ById("tier-dialog")).ToHaveCountAsync(0);
        await Expect(b.ById("tiers-table")).ToContainTextAsync("金卡会员");
        await Expect(b.ById("tier-row-benefits")).ToContainTextAsync("会员价 95%");
        await b.ScreenshotAsync("admin-loyalty-tiers");

        var tiers = await (await b.App.AdminAsync()).Json("/api/admin/tiers");
        var gold = Assert.Single(tiers.AsArray());
        Assert.Equal("gold", gold.Str("code"));
        Assert.Equal(5000m, gold!["threshold"]!.GetValue<decimal>());
        Assert.Equal(95, gold["pricePercent"]!.GetValue<int>());
        var audit = await (await b.App.AdminAsync()).Json("/api/admin/audit?action=tier.create");
        Assert.Equal(1, audit["total"]!.GetValue<int>());
        await b.OpenAsync("/admin/audit");
        await Expect(b.ById("audit-row-action").First).ToHaveTextAsync("创建会员等级");
        await Expect(b.ById("audit-row-entity").First).ToContainTextAsync("会员等级 / " + gold.Str("id"));

        await b.ById("nav-jobs").ClickAsync();
        var reevaluate = b.Page.Locator("tr", new() { Has = b.Page.GetByText("tiers.reevaluate", new() { Exact = true }) });
        await Expect(reevaluate).ToContainTextAsync("降级策略");
        await reevaluate.GetByTestId("job-run").ClickAsync();
        await Expect(reevaluate.GetByTestId("job-processed")).ToContainTextAsync("处理 0 条");
        await b.ScreenshotAsync("admin-jobs");
    }

    [Fact]
    public async Task Admin_adjusts_a_members_points_from_the_member_page_and_a_refused_debit_says_why()
    {
        await using var b = await MallBrowser.StartAsync();
        var (id, _) = await b.App.RegisterAsync(phone: "13612345678", name: "积分会员");
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.OpenAsync($"/admin/members/{id}");
        await Expect(b.ById("member-points-available")).ToHaveTextAsync("100"); // the registration bonus

        await b.ById("points-adjust").ClickAsync();
        await b.Field("points-adjust-amount").FillAsync("-500");
        await b.Field("points-adjust-reason").FillAsync("误发扣回");
        await b.ById("points-adjust-save").ClickAsync();
        await Expect(b.ById("points-adjust-error-code")).ToHaveTextAsync("points.insufficient");
        await Expect(b.ById("points-adjust-error")).ToContainTextAsync("可用积分不足");
        await b.ScreenshotAsync("admin-points-adjust-refused");

        await b.Field("points-adjust-amount").FillAsync("200");
        await b.Field("points-adjust-reason").FillAsync("客诉补偿");
        await b.ById("points-adjust-save").ClickAsync();
        await Expect(b.ById("points-adjust-dialog")).ToHaveCountAsync(0);
        await Expect(b.ById("member-points-available")).ToHaveTextAsync("300");
        await Expect(b.ById("member-points-entries")).ToContainTextAsync("客诉补偿");
        await b.ScreenshotAsync("admin-member-loyalty");

        var api = await b.App.AdminAsync();
        Assert.Equal(300, (await api.Json($"/api/admin/members/{id}/points"))["available"]!.GetValue<long>());
        var audit = await api.Json($"/api/admin/audit?action=points.adjust&entityId={id}");
        var row = Assert.Single(audit["items"]!.AsArray());
        Assert.Equal("admin", row.Str("actorRole"));
        Assert.Contains("客诉补偿", row.Str("after"));
    }

    [Fact]
    public async Task Finance_rejects_a_pending_withdrawal_and_the_member_gets_the_rebate_back()
    {
        await using var b = await MallBrowser.StartAsync();
        var (phone, withdrawal) = await b.App.PendingWithdrawalAsync();
        var admin = await b.App.AdminAsync();
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "caiwu2", displayName = "财务小王", role = "finance", password = "staff2026pass" }))
            .EnsureSuccessStatusCode();
        var member = await b.App.SignInAsync(phone);
        Assert.Equal(10m, (await member.Json("/api/me/rebates"))["frozen"]!.GetValue<decimal>());

        await b.SignInAsync("/admin/login", "caiwu2", "staff2026pass", landsOn: "/admin");
        await Expect(b.ById("nav-jobs")).ToHaveCountAsync(0);
        await b.ById("nav-loyalty-withdrawals").ClickAsync();
        await Expect(b.ById("withdrawal-account")).ToHaveTextAsync("****2233");
        await Expect(b.ById("withdrawal-amount")).ToHaveTextAsync("¥10.00");
        await b.ScreenshotAsync("finance-withdrawals");

        await b.ById("withdrawal-reject").ClickAsync();
        await Expect(b.ById("reason-confirm")).ToBeDisabledAsync();
        await b.Field("reason-input").FillAsync("账户名不符");
        await b.ById("reason-confirm").ClickAsync();
        await Expect(b.ById("withdrawals-none")).ToBeVisibleAsync();

        var after = await member.Json("/api/me/rebates");
        Assert.Equal(10m, after["available"]!.GetValue<decimal>());
        Assert.Equal(0m, after["frozen"]!.GetValue<decimal>());
        var decided = Assert.Single(after["withdrawals"]!.AsArray());
        Assert.Equal(withdrawal.Str("id"), decided.Str("id"));
        Assert.Equal("rejected", decided.Str("status"));
        Assert.Equal("账户名不符", decided.Str("note"));
        var audit = await admin.Json($"/api/admin/audit?action=withdrawal.reject&entityId={withdrawal.Str("id")}");
        Assert.Equal("财务小王", Assert.Single(audit["items"]!.AsArray()).Str("actorName"));
    }

    [Fact]
    public async Task Admin_changes_the_earning_rate_and_adds_a_rebate_rule_and_the_api_has_both()
    {
        await using var b = await MallBrowser.StartAsync();
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");
        await b.ById("nav-loyalty-points").ClickAsync();
        await Expect(b.Field("points-earn-rate")).ToHaveValueAsync("1");
        await b.Field("points-earn-rate").FillAsync("2.5");
        await b.ById("points-settings-save").ClickAsync();
        await Expect(b.Page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");
        await b.ScreenshotAsync("admin-loyalty-points");

        await b.ById("nav-loyalty-rebates").ClickAsync();
        await b.Field("rebate-rule-name").FillAsync("全场返 2%");
        await b.Field("rebate-rule-percent").FillAsync("2");
        await b.ById("rebate-rule-add").ClickAsync();
        await Expect(b.ById("rebate-rule-row-name")).ToHaveTextAsync("全场返 2%");
        await b.ScreenshotAsync("admin-loyalty-rebates");

        var api = await b.App.AdminAsync();
        var settings = await api.Json("/api/admin/points/settings");
        Assert.Equal(2.5m, settings["earnRate"]!.GetValue<decimal>());
        Assert.Equal(365, settings["expiryDays"]!.GetValue<int>());
        var rule = Assert.Single((await api.Json("/api/admin/rebate-rules")).AsArray());
        Assert.Equal("全场返 2%", rule.Str("name"));
        Assert.Equal(2m, rule!["percent"]!.GetValue<decimal>());
        Assert.Equal(1, (await api.Json("/api/admin/audit?action=points.settings_update"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await api.Json("/api/admin/audit?action=rebate.rule_create"))["total"]!.GetValue<int>());
    }
}
