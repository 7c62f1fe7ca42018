namespace MemberMall.Features.Audit;

/// <summary>Every action the audit log records and every kind of object it names, for the audit screen's filters and words.</summary>
public static class AuditActions
{
    public static readonly IReadOnlyList<string> All =
    [
        "member.update", "member.tag_add", "member.tag_remove", "member.note_add", "member.export", "points.adjust",
        "product.create", "product.update", "product.tier_prices", "stock.adjust", "category.create", "category.update",
        "tier.create", "tier.update", "points.settings_update", "points.rule_set", "points.rule_delete", "points.campaign_create",
        "points_mall.item.create", "points_mall.item.update", "points_mall.exchange.cancel",
        "rebate.settings_update", "rebate.rule_create", "rebate.rule_deactivate", "withdrawal.approve", "withdrawal.reject",
        "refund.retry", "refund.settle_offline",
        "staff.create", "staff.update", "staff.password_reset", "settings.update",
        "coupon.create", "coupon.update", "coupon.publish", "coupon.stop", "coupon.grant",
        "apikey.create", "apikey.revoke",
        "webhook.create", "webhook.update", "webhook.delete", "webhook.ping", "webhook.rotate_secret", "webhook.resend",
    ];

    public static readonly IReadOnlyList<string> EntityTypes =
    [
        "member", "product", "category", "tier", "points_rule", "points_campaign", "points_mall_item", "points_mall_exchange",
        "rebate_rule", "withdrawal", "refund", "loyalty_settings", "staff", "shop_settings",
        "coupon", "api_key", "webhook", "webhook_delivery",
    ];
}
