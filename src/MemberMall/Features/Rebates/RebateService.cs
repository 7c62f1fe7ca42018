using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Rebates;

/// <summary>
/// Cash rebates: computed per line when an order completes (the best matching rule or the tier's rate, no stacking),
/// held pending through the return window, then credited at once or by the settlement run; refunds claw back the
/// refunded share, from pending money first and from the balance (never below zero) once credited.
/// </summary>
public sealed class RebateService(MallDb db, RebateLedger ledger, PointsSettingsService points, RebateSettingsService settings, ShopSettingsService shop, Tiers.TierService tiers, TimeProvider clock)
{
    public async Task AccrueAsync(Order order, CancellationToken ct)
    {
        if (await db.RebateAccruals.AnyAsync(a => a.OrderId == order.Id, ct)) return;
        var rules = await db.RebateRules.AsNoTracking().Where(r => r.Active && r.MinOrderFen <= order.TotalFen && (r.MaxOrderFen == null || r.MaxOrderFen >= order.TotalFen))
            .ToListAsync(ct);
        var tier = await tiers.CurrentFreshAsync(order.MemberId, ct);
        var now = clock.GetUtcNow();
        var availableAt = now.AddDays((await points.GetAsync(ct)).ReturnWindowDays);
        long total = 0;
        foreach (var item in order.Items)
        {
            var best = rules.Where(r => r.Scope == "all" || (r.Scope == "product" && r.TargetId == item.ProductId)
                                         || (r.Scope == "category" && r.TargetId == item.CategoryId) || (r.Scope == "tier" && r.TargetId == tier?.Id))
                .MaxBy(r => r.Percent);
            var percent = Math.Max(best?.Percent ?? 0, tier?.RebatePercent ?? 0);
            var amount = (long)Math.Floor((item.PayableFen - item.RefundedFen) * percent / 100m);
            if (amount <= 0) continue;
            db.RebateAccruals.Add(new RebateAccrual
            {
                MemberId = order.MemberId, OrderId = order.Id, OrderItemId = item.Id, RuleId = best?.Percent == percent ? best.Id : null, Percent = percent,
                AmountFen = amount, AccruedAt = now, AvailableAt = availableAt,
            });
            total += amount;
        }
        if (total > 0) await ledger.MoveAsync(order.MemberId, RebateEntryKind.Accrue, total, 0, 0, "order", order.Id.ToString(), "rebate", ct);
    }

    /// <summary>Accruals past the return window: credited now, or held for the settlement run.</summary>
    public async Task<bool> ReleaseAsync(RebateAccrual accrual, CancellationToken ct)
    {
        if (accrual.Status != AccrualStatus.Pending) return false;
        if ((await settings.GetAsync(ct)).Settlement != SettlementMode.Immediate)
        {
            accrual.Hold();
            return true;
        }
        accrual.Credit(clock.GetUtcNow(), null);
        if (accrual.Net > 0 && !await ledger.MoveAsync(accrual.MemberId, RebateEntryKind.Release, -accrual.Net, accrual.Net, 0, "accrual", accrual.Id.ToString(), "release", ct))
            throw await NotCoveredAsync(accrual, ct);
        return true;
    }

    /// <summary>Credits one member's held accruals of a period as one statement; running it again changes nothing.</summary>
    public async Task<RebateStatement?> SettleAsync(Guid memberId, DateOnly periodStart, DateOnly periodEnd, CancellationToken ct)
    {
        // Under the account's lock a second runner settling the same member waits here, then finds the statement.
        await ledger.LockAsync(memberId, ct);
        if (await db.RebateStatements.AnyAsync(s => s.MemberId == memberId && s.PeriodStart == periodStart, ct)) return null;
        var zone = (await shop.GetAsync(ct)).Zone;
        var end = periodEnd.ToDateTime(TimeOnly.MinValue);
        var cutoff = new DateTimeOffset(end, zone.GetUtcOffset(end)).ToUniversalTime();
        var due = await db.RebateAccruals.Where(a => a.MemberId == memberId && a.Status == AccrualStatus.Held && a.AvailableAt < cutoff).ToListAsync(ct);
        if (due.Count == 0) return null;
        var statement = new RebateStatement
        {
            MemberId = memberId, PeriodStart = periodStart, PeriodEnd = periodEnd, AmountFen = due.Sum(a => a.Net), Lines = due.Count, CreatedAt = clock.GetUtcNow(),
        };
        db.RebateStatements.Add(statement);
        foreach (var a in due) a.Credit(statement.CreatedAt, statement.Id);
        if (statement.AmountFen > 0
            && !await ledger.MoveAsync(memberId, RebateEntryKind.Release, -statement.AmountFen, statement.AmountFen, 0, "statement", statement.Id.ToString(), "settle", ct))
            throw new InvalidOperationException($"Pending rebates of member {memberId} do not cover statement {statement.Id}.");
        return statement;
    }

    public async Task ClawbackAsync(Order order, Guid refundId, IReadOnlyList<(OrderItem Item, int Quantity)> lines, CancellationToken ct)
    {
        var accruals = await db.RebateAccruals.Where(a => a.OrderId == order.Id).ToDictionaryAsync(a => a.OrderItemId, ct);
        var i = 0;
        foreach (var (item, quantity) in lines)
        {
            i++;
            if (!accruals.TryGetValue(item.Id, out var accrual)) continue;
            var share = item.RefundedQuantity >= item.Quantity ? accrual.Net : accrual.AmountFen * quantity / item.Quantity;
            var taken = accrual.ClawBack(share);
            if (taken == 0) continue;
            if (accrual.Status != AccrualStatus.Credited)
            {
                if (!await ledger.MoveAsync(order.MemberId, RebateEntryKind.Clawback, -taken, 0, 0, "refund", refundId.ToString(), "rebate-" + i, ct))
                    throw await NotCoveredAsync(accrual, ct);
            }
            else
            {
                // Already paid out to the balance: take back what is still there, never below zero.
                var fromBalance = Math.Min(taken, await ledger.AvailableAsync(order.MemberId, ct));
                if (fromBalance > 0) await ledger.MoveAsync(order.MemberId, RebateEntryKind.Clawback, 0, -fromBalance, 0, "refund", refundId.ToString(), "rebate-" + i, ct);
            }
        }
    }

    /// <summary>Accruals are read before their member's rebate account is locked: a stale read, or a broken ledger.</summary>
    private Task<Exception> NotCoveredAsync(RebateAccrual accrual, CancellationToken ct) =>
        db.NotCoveredAsync(accrual, $"Pending rebates of member {accrual.MemberId} do not cover accrual {accrual.Id}.", ct);

    /// <summary>The period the settlement run closes: the last full month or quarter before <paramref name="today"/>.</summary>
    public static (DateOnly Start, DateOnly End) LastPeriod(SettlementMode mode, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        if (mode == SettlementMode.Quarterly)
        {
            var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
            return (quarterStart.AddMonths(-3), quarterStart);
        }
        return (monthStart.AddMonths(-1), monthStart);
    }
}
