using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Cart;

public static class CartEndpoints
{
    public static IEndpointRouteBuilder MapCart(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Cart").RequireAuthorization(Roles.Member);
        cart.MapGet("", (HttpContext http, CartService c, CancellationToken ct) => c.GetAsync(MemberId(http.User), ct));
        cart.MapPost("/items", (CartAdd add, HttpContext http, CartService c, CancellationToken ct) => c.AddAsync(MemberId(http.User), add, ct))
            .ProducesError(404, "product.not_found").ProducesError(422, "product.unavailable");
        cart.MapPatch("/items/{productId:guid}", (Guid productId, CartPatch patch, HttpContext http, CartService c, CancellationToken ct) =>
            c.UpdateAsync(MemberId(http.User), productId, patch, ct)).ProducesError(404, "cart.item_not_found");
        cart.MapDelete("/items/{productId:guid}", (Guid productId, HttpContext http, CartService c, CancellationToken ct) =>
            c.RemoveAsync(MemberId(http.User), productId, ct)).ProducesError(404, "cart.item_not_found");
        return app;
    }
}
