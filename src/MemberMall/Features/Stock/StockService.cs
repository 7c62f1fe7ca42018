using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Stock;

public sealed record StockLine(Guid ProductId, int Quantity);

/// <summary>
/// Every stock change is one conditional UPDATE … RETURNING (so two buyers can never take the same unit, on any
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
            var row = await ChangeAsync(line.ProductId, -q, q, 0, ct)
                ?? throw new DomainException("stock.insufficient", "Not enough stock for one of the products.");
            Record(line.ProductId, row, StockMovementKind.Reserved, -q, q, reference, null, null);
        }
    }

    /// <summary>
    /// Reserves as <see cref="ReserveAsync"/> does, for a caller whose next step is its save. On PostgreSQL each line's
    /// conditional UPDATE, its movement and, when the stock falls below the product's threshold, the <c>stock.low</c>
    /// event go with that save's batch, after its own statements, as one statement (<see cref="MallDb.SendWithNextSave"/>): the reservation
    /// costs no round trip of its own and holds the product's row lock only for the batch. A line short of stock fails
    /// the save whole with <c>stock.insufficient</c>. Products are never deleted, and the caller's quote read each one.
    /// Elsewhere it reserves at once.
    /// </summary>
    public Task ReserveWithSaveAsync(IEnumerable<StockLine> lines, string reference, CancellationToken ct)
    {
        if (!db.IsPostgres) return ReserveAsync(lines, reference, ct);
        var now = clock.GetUtcNow();
        foreach (var line in Sorted(lines))
            db.SendWithNextSave(ReserveSql, SqlArg.Of(line.Quantity), SqlArg.Of(line.ProductId), SqlArg.Of(Guid.CreateVersion7()),
                SqlArg.Of(reference), SqlArg.Of(now), SqlArg.Of(Guid.CreateVersion7()));
        return Task.CompletedTask;
    }

    /// <summary>One line's reservation, movement and low-stock event (the payload as <see cref="Record"/> writes it).</summary>
    private static readonly string ReserveSql = $"""
        WITH changed AS (
            UPDATE products SET stock = stock - @p0, reserved = reserved + @p0
            WHERE id = @p1 AND (stock >= @p0 OR mall_refuse('stock.insufficient', 'Not enough stock for one of the products.'))
            RETURNING stock, low_stock_threshold, name),
        moved AS (
            INSERT INTO stock_movements (id, product_id, kind, stock_change, reserved_change, stock_after, reference, created_at)
            SELECT @p2, @p1, '{nameof(StockMovementKind.Reserved)}', -@p0, @p0, stock, @p3, @p4 FROM changed)
        INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, attempts)
        SELECT @p5, 'stock.low', @p1::text, json_build_object('productId', @p1, 'name', name, 'stock', stock, 'threshold', low_stock_threshold)::text, @p4, 0
        FROM changed WHERE stock + @p0 >= low_stock_threshold AND stock < low_stock_threshold
        """;

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
        if (quantity == 0 || Math.Abs(quantity) > 1_000_000)
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
        return await db.RowAsync("""
            UPDATE products SET stock = stock + @p0, reserved = reserved + @p1, sold_count = sold_count + @p2
            WHERE id = @p3 AND stock + @p0 >= 0 AND reserved + @p1 >= 0
            RETURNING stock, low_stock_threshold, high_stock_threshold, name
            """, r => new StockRow(r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.GetString(3)),
            ct, SqlArg.Of(stock), SqlArg.Of(reserved), SqlArg.Of(sold), SqlArg.Of(productId));
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
