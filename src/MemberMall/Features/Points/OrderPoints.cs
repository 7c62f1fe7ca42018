using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

/// <summary>
/// What orders do to points, in the order's own transaction: spend at placement, earn (pending) at payment,
/// release after the return window, and on refunds or cancellation take back exactly what the refunded lines
/// earned (from the frozen award) and return what they redeemed to the original lots.
/// </summary>
public sealed class OrderPoints(MallDb db, PointsLedger ledger, PointsSettingsService settings, ShopSettingsService shop, TimeProvider clock)
{
    public static PointsSource Redeem(Order o) => new("order", o.Id.ToString(), "redeem");

    public async Task RedeemAsync(Order order, Actor actor, CancellationToken ct)
    {
        if (order.PointsUsed > 0)
            await ledger.DebitAsync(order.MemberId, order.PointsUsed, PointsEntryKind.Redeem, Redeem(order), PointsNotes.Order(order.OrderNo), actor, ct);
    }

    /// <summary>
    /// Credits the points a paid order earns, pending until its return window ends, and the first-order bonus when
    /// <paramref name="firstPaidOrder"/> (the member's consumption record had no paid order before this one);
    /// <paramref name="account"/> is the member's points account when the caller read it tracked with the order.
    /// <paramref name="tierMultiplier"/> is the multiplier of the tier the member was in when paying, which the tiers
    /// feature knows: an order that lifts them to a higher tier earns at the old rate.
    /// </summary>
    public async Task AwardAsync(Order order, bool firstPaidOrder, CancellationToken ct, PointsAccount? account = null, decimal tierMultiplier = 1m)
    {
        var rules = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        var categoryIds = order.Items.Select(i => i.CategoryId).OfType<Guid>().ToList();
        var productIds = order.Items.Select(i => i.ProductId).ToList();
        var earning = await settings.EarningAsync(ct);
        var overrides = earning.Rules
            .Where(r => (r.Scope == "product" && productIds.Contains(r.TargetId)) || (r.Scope == "category" && categoryIds.Contains(r.TargetId))).ToList();
        var campaigns = earning.Campaigns.Where(c => c.StartsAt <= now && c.EndsAt > now).Select(c => c.Multiplier).ToList();
        var multiplier = PointsEarning.Multiplier(campaigns, tierMultiplier);

        var awards = order.Items.Select(i =>
        {
            var rate = PointsEarning.RateFor(i.ProductId, i.CategoryId, overrides, rules.EarnRate);
            // The earning base is what the member paid for the goods: no freight, no points deduction, no discounts.
            return (Item: i, Rate: rate, Points: PointsEarning.Points(i.PayableFen, rate, multiplier));
        }).ToList();

        var total = awards.Sum(a => a.Points);
        var credited = await ledger.CreditAsync(order.MemberId, total, pending: true, null, new PointsSource("order", order.Id.ToString(), "earn"),
            PointsNotes.Order(order.OrderNo), Actor.System, ct, account);
        if (credited is { } c)
            foreach (var a in awards)
                db.PointsAwards.Add(new PointsAward
                {
                    OrderItemId = a.Item.Id, OrderId = order.Id, LotId = c.Lot.Id, EarningBaseFen = a.Item.PayableFen, Rate = a.Rate, Multiplier = multiplier, Points = a.Points,
                });

        if (rules.FirstOrderPoints > 0 && firstPaidOrder)
            await ledger.CreditAsync(order.MemberId, rules.FirstOrderPoints, pending: true, null, new PointsSource("order", order.Id.ToString(), "first-order"),
                PointsNotes.FirstOrderBonus, Actor.System, ct, account);
    }

    /// <summary>The return window starts when the order completes; with a window of 0 the points are available at once.</summary>
    public async Task ScheduleReleaseAsync(Order order, CancellationToken ct)
    {
        var rules = await settings.GetAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var lot in await PendingLotsAsync(order, ct))
        {
            lot.ScheduleRelease(now.AddDays(rules.ReturnWindowDays));
            if (rules.ReturnWindowDays == 0) await ledger.ReleaseAsync(lot, rules.ExpiresAt(now, (await shop.GetAsync(ct)).Zone), Actor.System, ct);
        }
    }

    public async Task RefundAsync(Order order, Guid refundId, IReadOnlyList<(OrderItem Item, int Quantity)> lines, bool whole, Actor actor, CancellationToken ct)
    {
        var awards = await db.PointsAwards.Where(a => a.OrderId == order.Id).ToDictionaryAsync(a => a.OrderItemId, ct);
        var lots = await db.PointsLots.Where(l => awards.Values.Select(a => a.LotId).Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var i = 0;
        foreach (var (item, quantity) in lines)
        {
            i++;
            if (!awards.TryGetValue(item.Id, out var award)) continue;
            // The line's refunded quantity already includes this refund.
            var points = award.ClawbackFor(item.RefundedQuantity - quantity, quantity, item.Quantity);
            var taken = await ledger.ClawbackAsync(lots[award.LotId], points, new PointsSource("refund", refundId.ToString(), "clawback-" + i), PointsNotes.Order(order.OrderNo), actor, ct);
            award.RecordClawback(taken);
        }
        if (whole)
        {
            var bonus = await db.PointsEntries.SingleOrDefaultAsync(e => e.SourceType == "order" && e.SourceId == order.Id.ToString() && e.Rule == "first-order", ct);
            var bonusLot = bonus is null ? null : await db.PointsLots.SingleAsync(l => l.EntryId == bonus.Id, ct);
            if (bonusLot is not null)
                await ledger.ClawbackAsync(bonusLot, bonusLot.Remaining, new PointsSource("refund", refundId.ToString(), "clawback-first-order"), PointsNotes.FirstOrderRefunded, actor, ct);
        }

        var redeemed = lines.Sum(l => RedeemShare(l.Item, l.Quantity));
        var debit = await db.PointsEntries.SingleOrDefaultAsync(e => e.SourceType == "order" && e.SourceId == order.Id.ToString() && e.Rule == "redeem", ct);
        if (debit is not null && redeemed > 0)
            await ledger.RestoreAsync(debit, redeemed, new PointsSource("refund", refundId.ToString(), "redeem-restore"), PointsNotes.Order(order.OrderNo), actor, ct);
    }

    /// <summary>An order cancelled with no money to refund gives back the points it reserved and loses what it earned.</summary>
    public async Task CancelAsync(Order order, Actor actor, CancellationToken ct)
    {
        var earned = await db.PointsEntries.Where(e => e.SourceType == "order" && e.SourceId == order.Id.ToString() && e.Kind == PointsEntryKind.Earn)
            .Select(e => e.Id).ToListAsync(ct);
        foreach (var lot in await db.PointsLots.Where(l => earned.Contains(l.EntryId)).ToListAsync(ct))
            await ledger.ClawbackAsync(lot, lot.Remaining, new PointsSource("lot", lot.Id.ToString(), "order-cancel"), OrderNotes.OrderCancelled, actor, ct);
        var debit = await db.PointsEntries.SingleOrDefaultAsync(e => e.SourceType == "order" && e.SourceId == order.Id.ToString() && e.Rule == "redeem", ct);
        if (debit is not null)
            await ledger.RestoreAsync(debit, -debit.AvailableChange, new PointsSource("order", order.Id.ToString(), "redeem-cancel"), OrderNotes.OrderCancelled, actor, ct);
    }

    /// <summary>The points a refund of <paramref name="quantity"/> units returns: their share, the last units taking the rest.</summary>
    internal static long RedeemShare(OrderItem item, int quantity) =>
        item.RefundedQuantity >= item.Quantity ? item.PointsUsed - item.PointsUsed * (item.RefundedQuantity - quantity) / item.Quantity
            : item.PointsUsed * item.RefundedQuantity / item.Quantity - item.PointsUsed * (item.RefundedQuantity - quantity) / item.Quantity;

    private async Task<List<PointsLot>> PendingLotsAsync(Order order, CancellationToken ct)
    {
        var entryIds = await db.PointsEntries.Where(e => e.SourceType == "order" && e.SourceId == order.Id.ToString() && e.Kind == PointsEntryKind.Earn)
            .Select(e => e.Id).ToListAsync(ct);
        return await db.PointsLots.Where(l => entryIds.Contains(l.EntryId) && l.Status == LotStatus.Pending).ToListAsync(ct);
    }
}
