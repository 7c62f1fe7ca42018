using MemberMall.Common;
using MemberMall.Features.Catalog;

namespace MemberMall.Features.Cart;

/// <summary>A product in a member's cart; <see cref="Selected"/> lines are the ones checked out.</summary>
public class CartItem
{
    public Guid MemberId { get; init; }
    public Guid ProductId { get; init; }
    public int Quantity { get; private set; }
    public bool Selected { get; set; } = true;
    public DateTimeOffset AddedAt { get; init; }

    public void SetQuantity(int quantity) => Quantity = Checked(quantity);

    /// <summary>A quantity one line may hold, or the refusal of it.</summary>
    public static int Checked(int quantity) => quantity is < 1 or > Product.MaxQuantityPerLine
        ? throw new RequestValidationException("cart.quantity_invalid", "quantity", $"Quantity must be between 1 and {Product.MaxQuantityPerLine}.")
        : quantity;
}
