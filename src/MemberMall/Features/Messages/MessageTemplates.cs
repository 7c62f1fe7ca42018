using System.Globalization;
using System.Text.RegularExpressions;

namespace MemberMall.Features.Messages;

/// <summary>
/// The title and body of each kind of message, in Chinese (the default) and English, with named holes
/// (<c>{orderNo}</c>) filled from the message's parameters. A hole without a parameter stays empty.
/// </summary>
public static partial class MessageTemplates
{
    public const string OrderPaid = "order_paid";
    public const string OrderShipped = "order_shipped";
    public const string RefundSent = "refund_sent";
    public const string PointsExpiring = "points_expiring";
    public const string TierUp = "tier_up";
    public const string TierDown = "tier_down";
    public const string CouponReceived = "coupon_received";

    private static readonly Dictionary<string, (string Title, string Body)> Zh = new()
    {
        [OrderPaid] = ("订单已支付", "订单 {orderNo} 已支付 ¥{amount}，我们会尽快为您发货。"),
        [OrderShipped] = ("订单已发货", "订单 {orderNo} 已发货，请留意收货。"),
        [RefundSent] = ("退款已到账", "订单 {orderNo} 的退款 ¥{amount} 已原路退回，请注意查收。"),
        [PointsExpiring] = ("积分即将过期", "您有 {points} 积分将于 {date} 过期，请尽快使用。"),
        [TierUp] = ("会员等级提升", "恭喜！您的会员等级已升至 {tier}。"),
        [TierDown] = ("会员等级调整", "您的会员等级已调整为 {tier}。"),
        [CouponReceived] = ("收到优惠券", "优惠券「{coupon}」已放入您的账户，下单时可使用。"),
    };

    private static readonly Dictionary<string, (string Title, string Body)> En = new()
    {
        [OrderPaid] = ("Order paid", "Order {orderNo} is paid (¥{amount}). We will ship it soon."),
        [OrderShipped] = ("Order shipped", "Order {orderNo} is on its way."),
        [RefundSent] = ("Refund sent", "The refund of ¥{amount} for order {orderNo} has been sent back to your payment account."),
        [PointsExpiring] = ("Points expiring soon", "{points} of your points expire on {date}. Use them before then."),
        [TierUp] = ("Tier upgraded", "Congratulations! Your membership tier is now {tier}."),
        [TierDown] = ("Tier changed", "Your membership tier is now {tier}."),
        [CouponReceived] = ("Coupon received", "The coupon \"{coupon}\" is in your account, ready for your next order."),
    };

    public static IReadOnlyCollection<string> Kinds => Zh.Keys;

    /// <summary>The message in <paramref name="culture"/>'s language: English for any <c>en</c> culture, Chinese otherwise.</summary>
    public static (string Title, string Body) Render(string kind, IReadOnlyDictionary<string, string> parameters, CultureInfo culture)
    {
        var table = culture.TwoLetterISOLanguageName == "en" ? En : Zh;
        if (!table.TryGetValue(kind, out var template)) return (kind, "");
        return (Fill(template.Title, parameters), Fill(template.Body, parameters));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> parameters) =>
        Hole().Replace(template, m => parameters.GetValueOrDefault(m.Groups[1].Value, ""));

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Hole();
}
