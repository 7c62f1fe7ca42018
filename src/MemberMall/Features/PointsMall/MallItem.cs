using MemberMall.Common;

namespace MemberMall.Features.PointsMall;

/// <summary>
/// Something members exchange points for: a catalog product or a standalone gift. The mall keeps its own
/// stock, separate from the product's: <see cref="Stock"/> and <see cref="Exchanged"/> change only through the
/// conditional UPDATEs in <see cref="PointsMallService"/>, never through this object.
/// </summary>
public class MallItem
{
    public const int MaxQuantity = 99;
    public const long MaxPoints = 100_000_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? ProductId { get; init; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string? ImageUrl { get; private set; }
    public long Points { get; private set; }
    public int Stock { get; private set; }
    public int Exchanged { get; private set; }
    /// <summary>How many units one member may exchange in total; 0 means no limit.</summary>
    public int PerMemberLimit { get; private set; }
    /// <summary>Physical goods are shipped, so an exchange needs an address.</summary>
    public bool Physical { get; private set; }
    public bool Listed { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public MallItem(Guid? productId, string name, long points, bool physical, DateTimeOffset now)
    {
        (ProductId, CreatedAt) = (productId, now);
        Describe(name, null, null, now);
        Price(points, now);
        Physical = physical;
    }

    private MallItem() { }

    public void Describe(string name, string? description, string? imageUrl, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RequestValidationException("points_mall.name_required", "name", "A mall item needs a name.");
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ImageUrl = string.IsNullOrWhiteSpace(imageUrl) ? null : imageUrl.Trim();
        UpdatedAt = now;
    }

    public void Price(long points, DateTimeOffset now)
    {
        if (points is < 1 or > MaxPoints) throw new RequestValidationException("points_mall.points_invalid", "points", $"Points must be between 1 and {MaxPoints}.");
        (Points, UpdatedAt) = (points, now);
    }

    public void Limit(int perMember, DateTimeOffset now)
    {
        if (perMember is < 0 or > 9999) throw new RequestValidationException("points_mall.limit_invalid", "perMemberLimit", "The limit is 0 (none) to 9999.");
        (PerMemberLimit, UpdatedAt) = (perMember, now);
    }

    public void Schedule(DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        if (startsAt is { } s && endsAt is { } e && e <= s)
            throw new RequestValidationException("points_mall.window_invalid", "endsAt", "The end must come after the start.");
        (StartsAt, EndsAt, UpdatedAt) = (startsAt, endsAt, now);
    }

    public void Ship(bool physical, DateTimeOffset now) => (Physical, UpdatedAt) = (physical, now);

    public void SetListed(bool listed, DateTimeOffset now) => (Listed, UpdatedAt) = (listed, now);

    /// <summary>Listed and inside its window: members may exchange it (stock is checked by the UPDATE itself).</summary>
    public bool IsOpen(DateTimeOffset now) => Listed && (StartsAt is null || StartsAt <= now) && (EndsAt is null || EndsAt > now);
}

public enum MallExchangeStatus { Placed, Cancelled }

/// <summary>One exchange of points for goods. The points it cost are in the points ledger under ("mall_exchange", id, "redeem").</summary>
public class MallExchange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string ExchangeNo { get; init; } = "";
    public Guid MemberId { get; init; }
    public Guid ItemId { get; init; }
    public string ItemName { get; init; } = "";
    public int Quantity { get; init; }
    public long UnitPoints { get; init; }
    public long Points { get; init; }
    /// <summary>Changed by a conditional UPDATE (placed → cancelled), so two cancels cannot both return the points.</summary>
    public MallExchangeStatus Status { get; private set; } = MallExchangeStatus.Placed;
    public string? RecipientName { get; init; }
    public string? RecipientPhoneCipher { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? District { get; init; }
    public string? AddressDetailCipher { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    public MallExchange(string exchangeNo, Guid memberId, MallItem item, int quantity, DateTimeOffset now)
    {
        if (quantity is < 1 or > MallItem.MaxQuantity)
            throw new RequestValidationException("points_mall.quantity_invalid", "quantity", $"Quantity must be between 1 and {MallItem.MaxQuantity}.");
        (ExchangeNo, MemberId, ItemId, ItemName, Quantity, UnitPoints, Points, CreatedAt) =
            (exchangeNo, memberId, item.Id, item.Name, quantity, item.Points, item.Points * quantity, now);
    }

    private MallExchange() { }
}

/// <summary>
/// Units of an item one member holds in placed exchanges. The per-member limit is one conditional UPDATE of
/// this row (<c>taken + n &lt;= limit</c>), which also serialises a member's concurrent exchanges of the item.
/// </summary>
public class MallQuota
{
    public Guid MemberId { get; init; }
    public Guid ItemId { get; init; }
    public int Taken { get; init; }
}

public enum MallStockChangeKind { Opening, Adjusted, Exchanged, Returned }

/// <summary>Every change of a mall item's stock: the stock always equals the sum of its movements.</summary>
public class MallStockMovement : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; init; }
    public MallStockChangeKind Kind { get; init; }
    public int Change { get; init; }
    public int StockAfter { get; init; }
    public string? Reference { get; init; }
    public string ActorName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
