using System.Globalization;
using MemberMall.Features.Orders;

namespace MemberMall.Features.Points;

/// <summary>
/// What the shop itself writes into a points entry's note: a code with its values, like the order notes (<see cref="OrderNotes"/>),
/// which integrators can rely on and the screens put into words (resources <c>Note.&lt;code&gt;</c>). A reason staff type for
/// an adjustment is kept as typed.
/// </summary>
public static class PointsNotes
{
    public const string FirstOrderBonus = "first_order_bonus";
    public const string FirstOrderRefunded = "first_order_refunded";

    /// <summary>Every code of this class, for the check that each has its words in both languages.</summary>
    public static readonly IReadOnlyList<string> Codes = [FirstOrderBonus, FirstOrderRefunded, "order", "points_mall", "points_mall_cancelled", "referral_order", "checkin_day"];

    /// <summary>Points earned, spent, taken back or given back for an order.</summary>
    public static string Order(string orderNo) => OrderNotes.Of("order", orderNo);

    public static string PointsMall(string exchangeNo) => OrderNotes.Of("points_mall", exchangeNo);

    public static string PointsMallCancelled(string exchangeNo) => OrderNotes.Of("points_mall_cancelled", exchangeNo);

    /// <summary>A referral reward, for the invitee's first paid order.</summary>
    public static string ReferralOrder(string orderNo) => OrderNotes.Of("referral_order", orderNo);

    /// <summary>A daily check-in, with the day of the streak.</summary>
    public static string CheckInDay(int streak) => OrderNotes.Of("checkin_day", streak.ToString(CultureInfo.InvariantCulture));
}
