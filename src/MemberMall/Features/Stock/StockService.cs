using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Stock;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>
/// Every stock change is one conditional UPDATE (so two buyers can never take the same unit, on any database), a read
/// of the row it left, and a movement row, inside the caller's transaction. Lines are taken in product-id order so
/// concurrent orders lock rows in the same order and cannot deadlock.
/// </summary>
public sealed class StockService(MallDb db, TimeProvider clock, Outbox.Outbox outbox)
{
    public async Task ReserveAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var row = await ChangeAsync(line.ProductId, -q, q, 0, ct)
                ?? throw new DomainException("stock.insufficient", "Not enough stock for one of the products.");
            Record(line.ProductId, row, StockMovementKind.Reserved, -q, q, reference, null, null);
        }
    }

    /// <summary>
    /// Units reserved for <paramref name="decidedBy"/> (the order or request, as read before the stock was locked) go
    /// back on sale. Reserved units that are not there any more mean another request moved them since that read.
    /// </summary>
    public async Task ReleaseAsync(IEnumerable<StockLine> lines, string reference, object decidedBy, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var row = await ChangeAsync(line.ProductId, q, -q, 0, ct)
                ?? throw await db.NotCoveredAsync(decidedBy, $"Releasing {q} more than is reserved for product {line.ProductId}.", ct);
            Record(line.ProductId, row, StockMovementKind.Released, q, -q, reference, null, null);
        }
    }

    /// <summary>Reserved units leave the warehouse: they are sold. <paramref name="decidedBy"/> as for <see cref="ReleaseAsync"/>.</summary>
    public async Task ShipAsync(IEnumerable<StockLine> lines, string reference, object decidedBy, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var row = await ChangeAsync(line.ProductId, 0, -q, q, ct)
                ?? throw await db.NotCoveredAsync(decidedBy, $"Shipping {q} more than is reserved for product {line.ProductId}.", ct);
            Record(line.ProductId, row, StockMovementKind.Sold, 0, -q, reference, null, null);
        }
    }

    /// <summary>Returned goods go back on the shelf.</summary>
    public async Task ReturnAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        foreach (var line in Sorted(lines))
        {
            var q = line.Quantity;
            var row = await ChangeAsync(line.ProductId, q, 0, -q, ct)
                ?? throw new NotFoundException("product.not_found", "Product not found.");
            Record(line.ProductId, row, StockMovementKind.Returned, q, 0, reference, null, null);
        }
    }

    /// <summary>A staff correction (or a goods receipt) of the sellable stock; it cannot go below zero.</summary>
    public async Task<int> AdjustAsync(Guid productId, int quantity, string reason, Actor actor, CancellationToken ct)
    {
        if (quantity is 0 or > 1_000_000 or < -1_000_000)
            throw new RequestValidationException("stock.quantity_invalid", "quantity", "The adjustment must be a non-zero number up to 1,000,000.");
        var row = await ChangeAsync(productId, quantity, 0, 0, ct);
        if (row is null)
        {
            if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
                throw new NotFoundException("product.not_found", "Product not found.");
            throw new DomainException("stock.insufficient", "The adjustment would take the stock below zero.");
        }
        var kind = quantity > 0 && reason.Trim() is "received" or "入库" ? StockMovementKind.Received : StockMovementKind.Adjusted;
        Record(productId, row, kind, quantity, 0, null, reason, actor.Id);
        return row.Stock;
    }

    /// <summary>The opening stock of a new product.</summary>
    public async Task ReceiveNewAsync(Product product, int quantity, Actor actor, CancellationToken ct)
    {
        if (quantity <= 0) return;
        var row = await ChangeAsync(product.Id, quantity, 0, 0, ct) ?? throw new NotFoundException("product.not_found", "Product not found.");
        Record(product.Id, row, StockMovementKind.Received, quantity, 0, null, "opening stock", actor.Id);
    }

    /// <summary>A product's stock figures as one change left them.</summary>
    public sealed record StockRow(int Stock, int LowStockThreshold, int? HighStockThreshold, string Name);

    /// <summary>
    /// Moves units between sellable, reserved and sold in one conditional UPDATE that answers the row as it is
    /// afterwards; null when the product is unknown or the change would take sellable or reserved below zero.
    /// </summary>
    private async Task<StockRow?> ChangeAsync(Guid productId, int stock, int reserved, int sold, CancellationToken ct)
    {
        var changed = await db.Products.Where(p => p.Id == productId && p.Stock + stock >= 0 && p.Reserved + reserved >= 0)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Stock, p => p.Stock + stock).SetProperty(p => p.Reserved, p => p.Reserved + reserved)
                .SetProperty(p => p.SoldCount, p => p.SoldCount + sold), ct);
        if (changed == 0) return null;
        // The row is locked by the update until the caller commits: this reads it as the update left it.
        return await db.Products.AsNoTracking().Where(p => p.Id == productId)
            .Select(p => new StockRow(p.Stock, p.LowStockThreshold, p.HighStockThreshold, p.Name)).SingleAsync(ct);
    }

    private void Record(Guid productId, StockRow row, StockMovementKind kind, int stockChange, int reservedChange, string? reference, string? reason, Guid? actorId)
    {
        db.StockMovements.Add(new StockMovement
        {
            ProductId = productId, Kind = kind, StockChange = stockChange, ReservedChange = reservedChange, StockAfter = row.Stock,
            Reference = reference, Reason = reason, ActorId = actorId, CreatedAt = clock.GetUtcNow(),
        });
        var before = row.Stock - stockChange;
        if (before >= row.LowStockThreshold && row.Stock < row.LowStockThreshold)
            outbox.Add("stock.low", productId, new { productId, name = row.Name, stock = row.Stock, threshold = row.LowStockThreshold });
        if (row.HighStockThreshold is { } high && before <= high && row.Stock > high)
            outbox.Add("stock.high", productId, new { productId, name = row.Name, stock = row.Stock, threshold = high });
    }

    private static IEnumerable<StockLine> Sorted(IEnumerable<StockLine> lines) =>
        lines.GroupBy(l => l.ProductId).Select(g => new StockLine(g.Key, g.Sum(l => l.Quantity))).OrderBy(l => l.ProductId);
}
