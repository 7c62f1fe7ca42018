using MemberMall.Common;

namespace MemberMall.Features.Stock;

public enum StockMovementKind { Received, Reserved, Released, Sold, Returned, Adjusted }

/// <summary>
/// One change to a product's stock. <see cref="StockChange"/> and <see cref="ReservedChange"/> are deltas;
/// the product's current figures are the sum of its movements (a test checks it).
/// </summary>
public class StockMovement : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProductId { get; init; }
    public StockMovementKind Kind { get; init; }
    public int StockChange { get; init; }
    public int ReservedChange { get; init; }
    public int StockAfter { get; init; }
    public string? Reference { get; init; }
    public string? Reason { get; init; }
    public Guid? ActorId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
