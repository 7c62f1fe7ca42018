using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Stock;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>
/// Every stock change is one conditional UPDATE (so two buyers can never take the same unit, on any
/// database) plus a movement row, inside the caller's transaction. Lines are taken in product-id order so
/// concurrent orders lock rows in the same order and cannot deadlock.
/// </summary>
public sealed class StockService(MallDb db, TimeProvider clock, Outbox.Outbox outbox)
{
    public async Task ReserveAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var changed = await db.Products.Where(p => p.Id == line.ProductId && p.Stock >= q)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - q).SetProperty(p => p.Reserved, p => p.Reserved + q), ct);
            if (changed == 0)
                throw new DomainException("stock.insufficient", "Not enough stock for one of the products.");
            await RecordAsync(line.ProductId, StockMovementKind.Reserved, -q, q, reference, null, null, ct);
        }
    }

    public async Task ReleaseAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var changed = await db.Products.Where(p => p.Id == line.ProductId && p.Reserved >= q)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + q).SetProperty(p => p.Reserved, p => p.Reserved - q), ct);
            if (changed == 0) throw new InvalidOperationException($"Releasing {q} more than is reserved for product {line.ProductId}.");
            await RecordAsync(line.ProductId, StockMovementKind.Released, q, -q, reference, null, null, ct);
        }
    }

    /// <summary>Reserved units leave the warehouse: they are sold.</summary>
    public async Task ShipAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var changed = await db.Products.Where(p => p.Id == line.ProductId && p.Reserved >= q)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved - q).SetProperty(p => p.SoldCount, p => p.SoldCount + q), ct);
            if (changed == 0) throw new InvalidOperationException($"Shipping {q} more than is reserved for product {line.ProductId}.");
            await RecordAsync(line.ProductId, StockMovementKind.Sold, 0, -q, reference, null, null, ct);
        }
    }

    /// <summary>Returned goods go back on the shelf.</summary>
    public async Task ReturnAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            await db.Products.Where(p => p.Id == line.ProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + q).SetProperty(p => p.SoldCount, p => p.SoldCount - q), ct);
            await RecordAsync(line.ProductId, StockMovementKind.Returned, q, 0, reference, null, null, ct);
        }
    }

    /// <summary>A staff correction (or a goods receipt) of the sellable stock; it cannot go below zero.</summary>
    public async Task<int> AdjustAsync(Guid productId, int quantity, string reason, Actor actor, CancellationToken ct)
    {
        if (quantity == 0 || Math.Abs(quantity) > 1_000_000)
            throw new RequestValidationException("stock.quantity_invalid", "quantity", "The adjustment must be a non-zero number up to 1,000,000.");
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
            throw new NotFoundException("product.not_found", "Product not found.");
        var changed = await db.Products.Where(p => p.Id == productId && p.Stock + quantity >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity), ct);
        if (changed == 0)
            throw new DomainException("stock.insufficient", "The adjustment would take the stock below zero.");
        var kind = quantity > 0 && reason.Trim() is "received" or "入库" ? StockMovementKind.Received : StockMovementKind.Adjusted;
        return await RecordAsync(productId, kind, quantity, 0, null, reason, actor.Id, ct);
    }

    /// <summary>The opening stock of a new product.</summary>
    public async Task ReceiveNewAsync(Product product, int quantity, Actor actor, CancellationToken ct)
    {
        if (quantity <= 0) return;
        await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + quantity), ct);
        await RecordAsync(product.Id, StockMovementKind.Received, quantity, 0, null, "opening stock", actor.Id, ct);
    }

    private async Task<int> RecordAsync(Guid productId, StockMovementKind kind, int stockChange, int reservedChange, string? reference, string? reason, Guid? actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var p = await db.Products.AsNoTracking().Where(x => x.Id == productId)
            .Select(x => new { x.Stock, x.LowStockThreshold, x.HighStockThreshold, x.Name }).SingleAsync(ct);
        db.StockMovements.Add(new StockMovement
        {
            ProductId = productId, Kind = kind, StockChange = stockChange, ReservedChange = reservedChange, StockAfter = p.Stock,
            Reference = reference, Reason = reason, ActorId = actorId, CreatedAt = now,
        });
        var before = p.Stock - stockChange;
        if (before >= p.LowStockThreshold && p.Stock < p.LowStockThreshold)
            outbox.Add("stock.low", productId, new { productId, name = p.Name, stock = p.Stock, threshold = p.LowStockThreshold });
        if (p.HighStockThreshold is { } high && before <= high && p.Stock > high)
            outbox.Add("stock.high", productId, new { productId, name = p.Name, stock = p.Stock, threshold = high });
        return p.Stock;
    }

    private static IEnumerable<StockLine> Sorted(IEnumerable<StockLine> lines) =>
        lines.GroupBy(l => l.ProductId).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId);
}
