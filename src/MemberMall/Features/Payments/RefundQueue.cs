using MemberMall.Common;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Payments;

/// <summary>A refund in finance's list, with the order it belongs to.</summary>
public sealed record RefundQueueItem(Guid Id, string RefundNo, Guid OrderId, string OrderNo, decimal Amount, string Channel, string Status,
    int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt);

/// <summary>Finance's view of the refunds: those still owed first of all, and a nudge to ask the gateway again at once.</summary>
public sealed class RefundQueue(MallDb db, RefundSender sender, TimeProvider clock)
{
    public async Task<PagedList<RefundQueueItem>> SearchAsync(string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Refunds.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!EnumText.TryParseSnake<RefundStatus>(status, out var s))
                throw new RequestValidationException("refunds.status_invalid", "status", "Unknown refund status.");
            q = q.Where(r => r.Status == s);
        }
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await (from r in q
                          join o in db.Orders on r.OrderId equals o.Id
                          orderby r.CreatedAt descending, r.Id descending
                          select new { r, o.OrderNo })
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(x => new RefundQueueItem(x.r.Id, x.r.RefundNo, x.r.OrderId, x.OrderNo, Money.ToYuan(x.r.AmountFen), x.r.Channel,
            EnumText.Snake(x.r.Status), x.r.Attempts, x.r.LastError, x.r.CreatedAt, x.r.NextAttemptAt, x.r.CompletedAt)).ToList();
        return PagedList<RefundQueueItem>.Of(items, p, size, total);
    }

    /// <summary>Makes a refund still owed due now, so the sender asks the gateway again without waiting out its pause.</summary>
    public async Task RetryNowAsync(Guid refundId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAttemptAt, now), ct);
        if (changed == 0)
        {
            if (!await db.Refunds.AnyAsync(r => r.Id == refundId, ct)) throw new NotFoundException("refund.not_found", "Refund not found.");
            throw new DomainException("refund.not_pending", "This refund has already been sent.");
        }
        sender.Wake();
    }
}
