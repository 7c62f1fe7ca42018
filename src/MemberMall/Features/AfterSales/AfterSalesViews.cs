using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.AfterSales;

public sealed record AfterSalesItemView(Guid OrderItemId, string ProductName, int Quantity);

public sealed record AfterSalesView(Guid Id, string RequestNo, Guid OrderId, string OrderNo, Guid MemberId, string Type, string Status, string Reason,
    IReadOnlyList<string> Photos, IReadOnlyList<AfterSalesItemView> Items, decimal Refund, string? StaffNote, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AfterSalesQuery(string? Status = null, string? Type = null, Guid? MemberId = null, int? Page = null, int? PageSize = null,
    Guid? OrderId = null);

public sealed class AfterSalesQueries(MallDb db)
{
    public async Task<AfterSalesView> DetailAsync(Guid id, Guid? memberId, CancellationToken ct) =>
        (await ViewsAsync(db.AfterSalesRequests.Where(r => r.Id == id && (memberId == null || r.MemberId == memberId)), ct)).SingleOrDefault()
        ?? throw new NotFoundException("aftersales.not_found", "After-sales request not found.");

    public async Task<PagedList<AfterSalesView>> SearchAsync(AfterSalesQuery query, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = db.AfterSalesRequests.AsNoTracking();
        if (query.MemberId is { } m) q = q.Where(r => r.MemberId == m);
        if (query.OrderId is { } o) q = q.Where(r => r.OrderId == o);
        if (query.Status is not null)
        {
            if (!EnumText.TryParseSnake<AfterSalesStatus>(query.Status, out var s)) throw new RequestValidationException("aftersales.status_invalid", "status", "Unknown status.");
            q = q.Where(r => r.Status == s);
        }
        if (query.Type is not null)
        {
            if (!EnumText.TryParseSnake<AfterSalesType>(query.Type, out var t)) throw new RequestValidationException("aftersales.type_invalid", "type", "Unknown type.");
            q = q.Where(r => r.Type == t);
        }
        var total = await q.CountAsync(ct);
        var items = await ViewsAsync(q.OrderBy(r => r.Status).ThenByDescending(r => r.CreatedAt).Skip((page - 1) * size).Take(size), ct);
        return new PagedList<AfterSalesView>(items, page, size, total, false, null);
    }

    private async Task<List<AfterSalesView>> ViewsAsync(IQueryable<AfterSalesRequest> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().Include(r => r.Items).ToListAsync(ct);
        var orderIds = rows.Select(r => r.OrderId).Distinct().ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).Include(o => o.Items).ToDictionaryAsync(o => o.Id, ct);
        return rows.Select(r =>
        {
            var order = orders[r.OrderId];
            return new AfterSalesView(r.Id, r.RequestNo, r.OrderId, order.OrderNo, r.MemberId, EnumText.Snake(r.Type), EnumText.Snake(r.Status), r.Reason, r.Photos,
                r.Items.Select(i => new AfterSalesItemView(i.OrderItemId, order.Items.Single(x => x.Id == i.OrderItemId).ProductName, i.Quantity)).ToList(),
                Money.ToYuan(r.RefundFen), r.StaffNote, r.CreatedAt, r.UpdatedAt);
        }).ToList();
    }
}
