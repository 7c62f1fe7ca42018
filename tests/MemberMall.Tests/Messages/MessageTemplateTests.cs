using System.Globalization;
using System.Text.Json;
using MemberMall.Features.Messages;

namespace MemberMall.Tests.Messages;

[Trait("Category", "Unit")]
public class MessageTemplateTests
{
    [Fact]
    public void Every_kind_has_a_title_and_body_in_chinese_and_english_with_its_holes_filled()
    {
        var parameters = new Dictionary<string, string> { ["orderNo"] = "M1", ["amount"] = "12.50", ["points"] = "100", ["date"] = "2026-03-01", ["tier"] = "金卡", ["coupon"] = "券" };
        foreach (var kind in MessageTemplates.Kinds)
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var (title, body) = MessageTemplates.Render(kind, parameters, CultureInfo.GetCultureInfo(culture));
            Assert.NotEqual(kind, title);
            Assert.DoesNotContain("{", title + body);
            Assert.NotEmpty(body);
        }
        Assert.Equal("Order paid", MessageTemplates.Render(MessageTemplates.OrderPaid, parameters, CultureInfo.GetCultureInfo("en")).Title);
        Assert.Contains("¥12.50", MessageTemplates.Render(MessageTemplates.OrderPaid, parameters, CultureInfo.GetCultureInfo("zh-CN")).Body);
    }

    [Fact]
    public void A_points_reminder_names_the_expiry_day_in_the_shop_time_zone_and_events_without_a_member_make_no_message()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        using var reminder = JsonDocument.Parse("""{"memberId":"0193a000-0000-7000-8000-000000000001","points":250,"expiresAt":"2026-02-28T17:00:00+00:00"}""");
        var draft = MessageRules.From("points.expiring", reminder.RootElement, zone)!;
        Assert.Equal(("points_expiring", "250", "2026-03-01"), (draft.Kind, draft.Parameters["points"], draft.Parameters["date"]));

        using var stock = JsonDocument.Parse("""{"productId":"0193a000-0000-7000-8000-000000000001"}""");
        Assert.Null(MessageRules.From("order.paid", stock.RootElement, zone));
        Assert.Null(MessageRules.From("stock.low", stock.RootElement, zone));

        using var down = JsonDocument.Parse("""{"memberId":"0193a000-0000-7000-8000-000000000001","toTier":"普通","direction":"down"}""");
        Assert.Equal("tier_down", MessageRules.From("tier.changed", down.RootElement, zone)!.Kind);
    }
}
