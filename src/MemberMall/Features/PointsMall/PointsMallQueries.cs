using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.PointsMall;

public sealed record MallItemView(Guid Id, Guid? ProductId, string Name, string? Description, string? ImageUrl, long Points, int Stock, int Exchanged,
    int PerMemberLimit, bool Physical, bool Listed, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool Available);

public sealed record MallAddressView(string Name, string Phone, string Province, string City, string District, string Detail);

public sealed record MallExchangeView(Guid Id, string ExchangeNo, Guid MemberId, string? MemberNo, Guid ItemId, string ItemName, int Quantity, long UnitPoints,
    long Points, string Status, MallAddressView? Address, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, string? CancelReason);

public sealed record MallExchangeQuery(string? Status = null, Guid? ItemId = null, Guid? MemberId = null, int? Page = null, int? PageSize = null);

/// <summary>Reads of the points mall: the shop window, a member's exchanges, and the staff lists.</summary>
public sealed class PointsMallQueries(MallDb db, PiiProtector pii, TimeProvider clock)
{
    /// <summary>The shop window: listed items whose window has not ended, cheapest first.</summary>
    public async Task<PagedList<MallItemView>> ShopItemsAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = db.MallItems.AsNoTracking().Where(i => i.Listed && (i.EndsAt == null || i.EndsAt > now));
        return await PageAsync(q.OrderBy(i => i.Points).ThenBy(i => i.Id), page, pageSize, now, ct);
    }

    public async Task<PagedList<MallItemView>> AdminItemsAsync(string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var items = db.MallItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) items = items.Where(i => i.Name.Contains(q.Trim()));
        return await PageAsync(items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id), page, pageSize, clock.GetUtcNow(), ct);
    }

    public async Task<MallItemView> ItemAsync(Guid id, bool includeUnlisted, CancellationToken ct)
    {
        var item = await db.MallItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && (includeUnlisted || i.Listed), ct)
            ?? throw new NotFoundException("points_mall.item_not_found", "Mall item not found.");
        return View(item, clock.GetUtcNow());
    }

    public async Task<PagedList<MallExchangeView>> ExchangesAsync(MallExchangeQuery query, bool unmasked, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = db.MallExchanges.AsNoTracking();
        if (query.MemberId is { } memberId) q = q.Where(e => e.MemberId == memberId);
        if (query.ItemId is { } itemId) q = q.Where(e => e.ItemId == itemId);
        if (query.Status is { Length: > 0 } text)
        {
            if (!EnumText.TryParseSnake<MallExchangeStatus>(text, out var status))
                throw new RequestValidationException("points_mall.status_invalid", "status", "Status must be placed or cancelled.");
            q = q.Where(e => e.Status == status);
        }
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await q.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Join(db.Members, e => e.MemberId, m => m.Id, (e, m) => new { Exchange = e, m.MemberNo }).ToListAsync(ct);
        var items = rows.Select(r => View(r.Exchange, r.MemberNo, unmasked)).ToList();
        return PagedList<MallExchangeView>.Of(items, p, size, total);
    }

    public async Task<MallExchangeView> ExchangeAsync(Guid id, Guid? memberId, bool unmasked, CancellationToken ct)
    {
        var row = await db.MallExchanges.AsNoTracking().Where(e => e.Id == id && (memberId == null || e.MemberId == memberId))
            .Join(db.Members, e => e.MemberId, m => m.Id, (e, m) => new { Exchange = e, m.MemberNo }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("points_mall.exchange_not_found", "Exchange not found.");
        return View(row.Exchange, row.MemberNo, unmasked);
    }

    private static async Task<PagedList<MallItemView>> PageAsync(IQueryable<MallItem> q, int? page, int? pageSize, DateTimeOffset now, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await Paging.CountUpToCapAsync(q, ct);
        var rows = await q.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return PagedList<MallItemView>.Of(rows.Select(i => View(i, now)).ToList(), p, size, total);
    }

    private static MallItemView View(MallItem i, DateTimeOffset now) => new(i.Id, i.ProductId, i.Name, i.Description, i.ImageUrl, i.Points, i.Stock, i.Exchanged,
        i.PerMemberLimit, i.Physical, i.Listed, i.StartsAt, i.EndsAt, i.IsOpen(now) && i.Stock > 0);

    private MallExchangeView View(MallExchange e, string memberNo, bool unmasked)
    {
        MallAddressView? address = null;
        if (e.RecipientName is not null)
        {
            var phone = pii.DecryptOrNull(e.RecipientPhoneCipher) ?? "";
            var detail = pii.DecryptOrNull(e.AddressDetailCipher) ?? "";
            address = new MallAddressView(e.RecipientName, unmasked ? phone : ContactNormalizer.MaskPhone(phone), e.Province ?? "", e.City ?? "", e.District ?? "",
                unmasked ? detail : ContactNormalizer.MaskText(detail));
        }
        return new MallExchangeView(e.Id, e.ExchangeNo, e.MemberId, memberNo, e.ItemId, e.ItemName, e.Quantity, e.UnitPoints, e.Points, EnumText.Snake(e.Status),
            address, e.CreatedAt, e.CancelledAt, e.CancelReason);
    }
}
