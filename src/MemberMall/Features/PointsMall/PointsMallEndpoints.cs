using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.PointsMall;

public static class PointsMallEndpoints
{
    public static IEndpointRouteBuilder MapPointsMall(this IEndpointRouteBuilder app)
    {
        var shop = app.MapGroup("/api/points-mall").WithTags("Points mall");
        shop.MapGet("/items", (int? page, int? pageSize, PointsMallQueries q, CancellationToken ct) => q.ShopItemsAsync(page, pageSize, ct)).AllowAnonymous();
        shop.MapGet("/items/{id:guid}", (Guid id, PointsMallQueries q, CancellationToken ct) => q.ItemAsync(id, includeUnlisted: false, ct)).AllowAnonymous()
            .ProducesError(404, "points_mall.item_not_found");
        shop.MapPost("/exchanges", async (ExchangeInput input, HttpContext http, PointsMallService mall, PointsMallQueries q, CancellationToken ct) =>
        {
            var memberId = MemberId(http.User);
            var exchange = await mall.ExchangeAsync(memberId, input, Actor.From(http), ct);
            return TypedResults.Created($"/api/me/points-mall/exchanges/{exchange.Id}", await q.ExchangeAsync(exchange.Id, memberId, true, ct));
        }).RequireAuthorization(Roles.Member).ProducesError(400, "points_mall.quantity_invalid", "points_mall.address_required")
            .ProducesError(404, "points_mall.item_not_found", "address.not_found")
            .ProducesError(422, "points.insufficient", "points_mall.not_available", "points_mall.out_of_stock", "points_mall.limit_reached");

        var me = app.MapGroup("/api/me/points-mall").WithTags("Points mall").RequireAuthorization(Roles.Member);
        me.MapGet("/exchanges", (int? page, int? pageSize, string? status, HttpContext http, PointsMallQueries q, CancellationToken ct) =>
            q.ExchangesAsync(new MallExchangeQuery(status, null, MemberId(http.User), page, pageSize), true, ct));
        me.MapGet("/exchanges/{id:guid}", (Guid id, HttpContext http, PointsMallQueries q, CancellationToken ct) =>
            q.ExchangeAsync(id, MemberId(http.User), true, ct)).ProducesError(404, "points_mall.exchange_not_found");

        var admin = app.MapGroup("/api/admin/points-mall").WithTags("Points mall (staff)");
        admin.MapGet("/items", (string? q, int? page, int? pageSize, PointsMallQueries queries, CancellationToken ct) => queries.AdminItemsAsync(q, page, pageSize, ct))
            .RequireAuthorization(Permissions.CatalogRead);
        admin.MapGet("/items/{id:guid}", (Guid id, PointsMallQueries queries, CancellationToken ct) => queries.ItemAsync(id, includeUnlisted: true, ct))
            .RequireAuthorization(Permissions.CatalogRead).ProducesError(404, "points_mall.item_not_found");
        admin.MapPost("/items", async (MallItemInput input, HttpContext http, PointsMallAdmin items, CancellationToken ct) =>
        {
            var created = await items.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/points-mall/items/{created.Id}", created);
        }).RequireAuthorization(Permissions.CatalogWrite).ProducesError(404, "product.not_found");
        admin.MapPatch("/items/{id:guid}", (Guid id, MallItemPatch patch, HttpContext http, PointsMallAdmin items, CancellationToken ct) =>
            items.UpdateAsync(id, patch, Actor.From(http), ct)).RequireAuthorization(Permissions.CatalogWrite)
            .ProducesError(404, "points_mall.item_not_found").ProducesError(422, "points_mall.stock_invalid");
        admin.MapGet("/exchanges", ([AsParameters] MallExchangeQuery query, HttpContext http, PointsMallQueries queries, CancellationToken ct) =>
            queries.ExchangesAsync(query, http.User.Has(Permissions.MembersPii), ct)).RequireAuthorization(Permissions.OrdersRead);
        admin.MapPost("/exchanges/{id:guid}/cancel", async (Guid id, ReasonInput? input, HttpContext http, PointsMallService mall, PointsMallQueries queries,
            CancellationToken ct) =>
        {
            await mall.CancelAsync(id, input?.Reason ?? "", Actor.From(http), ct);
            return await queries.ExchangeAsync(id, null, http.User.Has(Permissions.MembersPii), ct);
        }).RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "points_mall.exchange_not_found")
            .ProducesError(422, "points_mall.invalid_transition");
        return app;
    }
}
