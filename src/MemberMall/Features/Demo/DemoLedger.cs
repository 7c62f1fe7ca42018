using MemberMall.Features.Stock;

namespace MemberMall.Features.Demo;

/// <summary>
/// The demo's stock ledger, kept in memory while the history is written: every reservation, release and
/// shipment becomes a movement, and the balances after each are computed in time order at the end, so the
/// products' figures equal the sums of their movements exactly as the live <see cref="StockService"/> keeps them.
/// </summary>
internal sealed class DemoLedger
{
    private sealed class Shelf
    {
        public int Available, Reserved, Sold;
    }

    private sealed record Entry(Guid ProductId, StockMovementKind Kind, int StockChange, int ReservedChange, string? Reference, string? Reason, DateTimeOffset At);

    private readonly Dictionary<Guid, Shelf> _shelves = [];
    private readonly List<Entry> _entries = [];

    public void Open(Guid productId, int quantity, DateTimeOffset at)
    {
        _shelves[productId] = new Shelf { Available = quantity };
        _entries.Add(new Entry(productId, StockMovementKind.Received, quantity, 0, null, "received", at));
    }

    /// <summary>How many can still be sold, keeping a few back so no later release is needed to stay above zero.</summary>
    public int Sellable(Guid productId) => Math.Max(0, _shelves[productId].Available - 3);

    public void Reserve(Guid productId, int quantity, string reference, DateTimeOffset at)
    {
        var shelf = _shelves[productId];
        (shelf.Available, shelf.Reserved) = (shelf.Available - quantity, shelf.Reserved + quantity);
        _entries.Add(new Entry(productId, StockMovementKind.Reserved, -quantity, quantity, reference, null, at));
    }

    public void Release(Guid productId, int quantity, string reference, DateTimeOffset at)
    {
        var shelf = _shelves[productId];
        (shelf.Available, shelf.Reserved) = (shelf.Available + quantity, shelf.Reserved - quantity);
        _entries.Add(new Entry(productId, StockMovementKind.Released, quantity, -quantity, reference, null, at));
    }

    public void Ship(Guid productId, int quantity, string reference, DateTimeOffset at)
    {
        var shelf = _shelves[productId];
        (shelf.Reserved, shelf.Sold) = (shelf.Reserved - quantity, shelf.Sold + quantity);
        _entries.Add(new Entry(productId, StockMovementKind.Sold, 0, -quantity, reference, null, at));
    }

    public IEnumerable<(Guid ProductId, int Stock, int Reserved, int Sold)> Balances =>
        _shelves.Select(s => (s.Key, s.Value.Available, s.Value.Reserved, s.Value.Sold));

    /// <summary>The movements in time order, each with the sellable stock after it.</summary>
    public IEnumerable<StockMovement> Movements()
    {
        var running = new Dictionary<Guid, int>();
        foreach (var e in _entries.OrderBy(e => e.At).ThenBy(e => e.Kind == StockMovementKind.Received ? 0 : 1))
        {
            var after = running[e.ProductId] = running.GetValueOrDefault(e.ProductId) + e.StockChange;
            if (after < 0) throw new InvalidOperationException($"Demo stock of {e.ProductId} would go below zero.");
            yield return new StockMovement
            {
                ProductId = e.ProductId, Kind = e.Kind, StockChange = e.StockChange, ReservedChange = e.ReservedChange, StockAfter = after,
                Reference = e.Reference, Reason = e.Reason, CreatedAt = e.At,
            };
        }
    }
}
