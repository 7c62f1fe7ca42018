using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.PointsMall;

public sealed record ExchangeInput([property: Required] Guid ItemId, [property: Range(1, MallItem.MaxQuantity)] int Quantity, Guid? AddressId = null);

/// <summary>
/// Exchanging points for goods and taking an exchange back. Each is one transaction whose rows are locked in
/// one fixed order — the mall item's stock, the member's quota row, the member's points account — so
/// concurrent requests queue instead of deadlocking, and any refusal rolls back everything before it.
/// </summary>
public sealed class PointsMallService(MallDb db, PointsLedger ledger, Outbox.Outbox outbox, AuditLog audit, ShopSettingsService settings,
    TimeProvider clock, ILogger<PointsMallService> logger)
{
    public const string SourceType = "mall_exchange";

    public static PointsSource Redeem(Guid exchangeId) => new(SourceType, exchangeId.ToString(), "redeem");

    public async Task<MallExchange> ExchangeAsync(Guid memberId, ExchangeInput input, Actor actor, CancellationToken ct)
    {
        if (input.Quantity is < 1 or > MallItem.MaxQuantity)
            throw new RequestValidationException("points_mall.quantity_invalid", "quantity", $"Quantity must be between 1 and {MallItem.MaxQuantity}.");
        var now = clock.GetUtcNow();
        var item = await db.MallItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == input.ItemId, ct)
            ?? throw new NotFoundException("points_mall.item_not_found", "Mall item not found.");
        if (!item.IsOpen(now)) throw new DomainException("points_mall.not_available", "This item cannot be exchanged now.");
        Members.Address? address = null;
        if (item.Physical)
        {
            if (input.AddressId is not { } addressId)
                throw new RequestValidationException("points_mall.address_required", "addressId", "Choose an address to ship this item to.");
            address = await db.Addresses.AsNoTracking().SingleOrDefaultAsync(a => a.Id == addressId && a.MemberId == memberId, ct)
                ?? throw new NotFoundException("address.not_found", "Choose one of your own addresses.");
        }
        var shop = await settings.GetAsync(ct);
        var exchange = new MallExchange(NewExchangeNo(shop, now), memberId, item, input.Quantity, now)
        {
            RecipientName = address?.RecipientName, RecipientPhoneCipher = address?.PhoneCipher, Province = address?.Province, City = address?.City,
            District = address?.District, AddressDetailCipher = address?.DetailCipher,
        };
        var q = input.Quantity;

        await using var tx = await db.BeginWorkAsync(ct);
        var taken = await db.MallItems.Where(i => i.Id == item.Id && i.Stock >= q)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock - q).SetProperty(i => i.Exchanged, i => i.Exchanged + q), ct);
        if (taken == 0) throw new DomainException("points_mall.out_of_stock", "Not enough of this item is left.");
        await MoveAsync(item.Id, MallStockChangeKind.Exchanged, -q, exchange.ExchangeNo, actor, now, ct);

        await EnsureQuotaAsync(memberId, item.Id, ct);
        var limit = item.PerMemberLimit;
        var counted = await db.MallQuotas.Where(x => x.MemberId == memberId && x.ItemId == item.Id && (limit == 0 || x.Taken + q <= limit))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + q), ct);
        if (counted == 0) throw new DomainException("points_mall.limit_reached", $"Each member may exchange at most {limit} of this item.");

        await ledger.DebitAsync(memberId, exchange.Points, PointsEntryKind.Redeem, Redeem(exchange.Id), PointsNotes.PointsMall(exchange.ExchangeNo), actor, ct);
        db.MallExchanges.Add(exchange);
        outbox.Add("points_mall.exchanged", exchange.Id, new
        {
            exchangeId = exchange.Id, exchange.ExchangeNo, memberId, itemId = item.Id, itemName = item.Name, quantity = q, points = exchange.Points,
        });
        await tx.SaveAndCommitAsync(ct);
        logger.LogInformation("Mall exchange {ExchangeId} of item {ItemId} by member {MemberId}", exchange.Id, item.Id, memberId);
        return exchange;
    }

    /// <summary>Staff take an exchange back: the points return to the lots they came from and the units to the mall's stock.</summary>
    public async Task CancelAsync(Guid exchangeId, string reason, Actor actor, CancellationToken ct)
    {
        var exchange = await db.MallExchanges.AsNoTracking().SingleOrDefaultAsync(e => e.Id == exchangeId, ct)
            ?? throw new NotFoundException("points_mall.exchange_not_found", "Exchange not found.");
        var now = clock.GetUtcNow();
        var q = exchange.Quantity;
        reason = string.IsNullOrWhiteSpace(reason) ? "cancelled by staff" : reason.Trim();

        await using var tx = await db.BeginWorkAsync(ct);
        var cancelled = await db.MallExchanges.Where(e => e.Id == exchangeId && e.Status == MallExchangeStatus.Placed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, MallExchangeStatus.Cancelled).SetProperty(e => e.CancelledAt, now)
                .SetProperty(e => e.CancelReason, reason), ct);
        if (cancelled == 0) throw new DomainException("points_mall.invalid_transition", "Only a placed exchange can be cancelled.");
        await db.MallItems.Where(i => i.Id == exchange.ItemId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock + q).SetProperty(i => i.Exchanged, i => i.Exchanged - q), ct);
        await MoveAsync(exchange.ItemId, MallStockChangeKind.Returned, q, exchange.ExchangeNo, actor, now, ct);
        await db.MallQuotas.Where(x => x.MemberId == exchange.MemberId && x.ItemId == exchange.ItemId && x.Taken >= q)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - q), ct);

        var source = Redeem(exchangeId);
        var debit = await db.PointsEntries.SingleAsync(e => e.SourceType == source.Type && e.SourceId == source.Id && e.Rule == source.Rule, ct);
        await ledger.RestoreAsync(debit, -debit.AvailableChange, new PointsSource(SourceType, exchangeId.ToString(), "redeem-cancel"),
            PointsNotes.PointsMallCancelled(exchange.ExchangeNo), actor, ct);

        audit.Record(actor, "points_mall.exchange.cancel", "points_mall_exchange", exchangeId.ToString(),
            new { status = "placed" }, new { status = "cancelled", reason, exchange.Points, exchange.Quantity });
        outbox.Add("points_mall.cancelled", exchangeId, new { exchangeId, exchange.ExchangeNo, exchange.MemberId, exchange.ItemId, quantity = q, exchange.Points });
        await tx.SaveAndCommitAsync(ct);
        logger.LogInformation("Mall exchange {ExchangeId} cancelled", exchangeId);
    }

    /// <summary>Staff correction or goods receipt of a mall item's stock; it cannot go below zero.</summary>
    public async Task AdjustStockAsync(Guid itemId, int change, Actor actor, CancellationToken ct)
    {
        if (change == 0) return;
        var changed = await db.MallItems.Where(i => i.Id == itemId && i.Stock + change >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock + change), ct);
        if (changed == 0) throw new DomainException("points_mall.stock_invalid", "The change would take the stock below zero.");
        await MoveAsync(itemId, MallStockChangeKind.Adjusted, change, null, actor, clock.GetUtcNow(), ct);
    }

    public async Task ReceiveOpeningAsync(Guid itemId, int stock, Actor actor, CancellationToken ct)
    {
        if (stock <= 0) return;
        await db.MallItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Stock, i => i.Stock + stock), ct);
        await MoveAsync(itemId, MallStockChangeKind.Opening, stock, null, actor, clock.GetUtcNow(), ct);
    }

    private async Task MoveAsync(Guid itemId, MallStockChangeKind kind, int change, string? reference, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var after = await db.MallItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => i.Stock).SingleAsync(ct);
        db.MallStockMovements.Add(new MallStockMovement
        {
            ItemId = itemId, Kind = kind, Change = change, StockAfter = after, Reference = reference, ActorName = actor.Name, CreatedAt = now,
        });
    }

    private async Task EnsureQuotaAsync(Guid memberId, Guid itemId, CancellationToken ct)
    {
        if (await db.MallQuotas.AnyAsync(x => x.MemberId == memberId && x.ItemId == itemId, ct)) return;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO points_mall_quotas (member_id, item_id, taken) VALUES ({memberId}, {itemId}, 0) ON CONFLICT (member_id, item_id) DO NOTHING", ct);
    }

    private static string NewExchangeNo(ShopSettings shop, DateTimeOffset now) =>
        "PM" + TimeZoneInfo.ConvertTime(now, shop.Zone).ToString("yyMMdd") + RandomNumberGenerator.GetInt32(0, 100_000).ToString("D5")
        + RandomNumberGenerator.GetInt32(0, 100_000).ToString("D5");
}
