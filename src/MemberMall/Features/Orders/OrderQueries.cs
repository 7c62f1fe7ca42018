using MemberMall.Common;
using MemberMall.Features.AfterSales;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

public sealed record OrderQuery(string? Q = null, Guid? MemberId = null, string? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    bool? UnderReview = null, int? Page = null, int? PageSize = null);

/// <summary>Consumption records: a member's own orders, and the staff search over all of them.</summary>
public sealed class OrderQueries(MallDb db, PiiProtector pii)
{
    public async Task<OrderView> DetailAsync(Guid orderId, Guid? memberId, bool unmasked, CancellationToken ct)
    {
        // The order with its lines and whether an after-sales request is open, in one read; then its timeline and its refunds.
        // Each read takes a connection from the pool and gives it back: under load a connection held while the app
        // works between reads is one fewer for the other requests.
        var (order, refunding) = await OrderWithRefunding(db, orderId, memberId, ct) ?? throw new NotFoundException("order.not_found", "Order not found.");
        var timeline = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var staff = memberId is null;
        return OrderText.View(order, timeline, refunds.Select(r => new RefundView(r.RefundNo, Money.ToYuan(r.AmountFen), r.Channel,
            EnumText.Snake(r.Status), r.Attempts, staff ? r.LastError : null, r.CreatedAt, r.CompletedAt,
            staff ? r.Note : null, staff ? r.SettledBy : null, r.Reason)).ToList(), new PiiView(pii, unmasked), refunding);
    }

    private sealed record OrderRefunding(Order Order, bool Refunding);

    private static readonly Func<MallDb, Guid, Guid?, CancellationToken, Task<OrderRefunding?>> OrderWithRefunding = EF.CompileAsyncQuery(
        (MallDb db, Guid orderId, Guid? memberId, CancellationToken ct) => db.Orders.AsNoTracking().Include(o => o.Items)
            .Where(o => o.Id == orderId && (memberId == null || o.MemberId == memberId))
            .Select(o => new OrderRefunding(o, db.AfterSalesRequests.Any(a => a.OrderId == o.Id && AfterSalesRequest.OpenStatuses.Contains(a.Status))))
            .SingleOrDefault());

    /// <summary>The answer to a new order, from what its unit of work just saved: nothing else can have touched it yet.</summary>
    public OrderView Placed(Order order)
    {
        var timeline = db.ChangeTracker.Entries<OrderEvent>().Select(e => e.Entity).Where(e => e.OrderId == order.Id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        return OrderText.View(order, timeline, [], new PiiView(pii, true), false);
    }

    public async Task<PagedList<OrderListItem>> SearchAsync(OrderQuery query, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = await FilterAsync(query, ct);
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await q.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip((page - 1) * size).Take(size)
            .Select(o => new
            {
                o.Id, o.OrderNo, o.MemberId, o.Status, o.PaidFen, o.RefundedFen, o.TotalFen, Count = o.Items.Sum(i => i.Quantity),
                // Two scalar look-ups by order id: a whole first line in the projection becomes a window over every order line.
                FirstName = o.Items.OrderBy(i => i.Id).Select(i => i.ProductName).FirstOrDefault(),
                FirstImage = o.Items.OrderBy(i => i.Id).Select(i => i.ImageUrl).FirstOrDefault(), o.PaymentMethod, o.CreatedAt, o.Review,
            }).ToListAsync(ct);
        var items = rows.Select(o => new OrderListItem(o.Id, o.OrderNo, o.MemberId, EnumText.Snake(o.Status), OrderText.RefundStatus(o.PaidFen, o.RefundedFen, false),
            Money.ToYuan(o.TotalFen), o.Count, o.FirstName ?? "", o.FirstImage, o.PaymentMethod, o.CreatedAt, EnumText.Snake(o.Review))).ToList();
        return PagedList<OrderListItem>.Of(items, page, size, total);
    }

    public async Task<IQueryable<Order>> FilterAsync(OrderQuery query, CancellationToken ct)
    {
        var q = db.Orders.AsNoTracking();
        if (query.MemberId is { } memberId) q = q.Where(o => o.MemberId == memberId);
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!EnumText.TryParseSnake<OrderStatus>(query.Status, out var status))
                throw new RequestValidationException("orders.status_invalid", "status", "Unknown order status.");
            q = q.Where(o => o.Status == status);
        }
        if (Dates.Instant(query.From, "from") is { } from) q = q.Where(o => o.CreatedAt >= from);
        if (Dates.Instant(query.To, "to") is { } to) q = q.Where(o => o.CreatedAt < to);
        if (query.UnderReview == true) q = q.Where(o => o.Review == ReviewState.Pending);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            if (ContactNormalizer.NormalizePhone(text) is { } phone)
            {
                var hash = pii.Hash(phone);
                var ids = await db.Members.Where(m => m.PhoneHash == hash).Select(m => m.Id).ToListAsync(ct);
                q = q.Where(o => ids.Contains(o.MemberId));
            }
            else if (text.Length == 10 && text.All(char.IsAsciiDigit))
            {
                var ids = await db.Members.Where(m => m.MemberNo == text).Select(m => m.Id).ToListAsync(ct);
                q = q.Where(o => ids.Contains(o.MemberId));
            }
            else q = q.Where(o => o.OrderNo == text);
        }
        return q;
    }
}
