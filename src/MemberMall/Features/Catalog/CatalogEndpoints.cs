using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Catalog;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var shop = app.MapGroup("/api").WithTags("Catalog").AllowAnonymous();
        // Cached for anonymous callers only (the output cache skips requests that carry Authorization).
        shop.MapGet("/products", ([AsParameters] ProductQuery query, CatalogQueries catalog, CancellationToken ct) => catalog.SearchAsync(query, false, ct))
            .CacheOutput(Infrastructure.ServiceRegistration.CatalogCache);
        shop.MapGet("/products/{id:guid}", (Guid id, HttpContext http, CatalogQueries catalog, CancellationToken ct) =>
            catalog.DetailAsync(id, false, ct, http.User.IsInRole(Roles.Member) ? Members.MemberEndpoints.MemberId(http.User) : null))
            .ProducesError(404, "product.not_found");
        shop.MapGet("/categories", (CatalogQueries catalog, CancellationToken ct) => catalog.TreeAsync(ct)).CacheOutput(Infrastructure.ServiceRegistration.CatalogCache);

        var admin = app.MapGroup("/api/admin").WithTags("Catalog (staff)");
        admin.MapGet("/products", ([AsParameters] ProductQuery query, CatalogQueries catalog, CancellationToken ct) => catalog.SearchAsync(query, true, ct))
            .RequireAuthorization(Permissions.CatalogRead);
        admin.MapGet("/products/{id:guid}", (Guid id, CatalogQueries catalog, CancellationToken ct) => catalog.DetailAsync(id, true, ct))
            .RequireAuthorization(Permissions.CatalogRead).ProducesError(404, "product.not_found");
        admin.MapPost("/products", async (ProductInput input, CatalogAdmin catalog, HttpContext http, CancellationToken ct) =>
        {
            var created = await catalog.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/products/{created.Id}", created);
        }).RequireAuthorization(Permissions.CatalogWrite).ProducesError(422, "product.name_required", "product.price_invalid", "product.threshold_invalid");
        admin.MapPatch("/products/{id:guid}", (Guid id, ProductPatch patch, CatalogAdmin catalog, HttpContext http, CancellationToken ct) =>
            catalog.UpdateAsync(id, patch, Actor.From(http), ct)).RequireAuthorization(Permissions.CatalogWrite)
            .ProducesError(404, "product.not_found").ProducesError(422, "product.name_required", "product.price_invalid", "product.threshold_invalid");
        admin.MapPost("/products/{id:guid}/stock-adjustments", async (Guid id, StockAdjustment adjustment, CatalogAdmin catalog, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(new { stock = await catalog.AdjustStockAsync(id, adjustment, Actor.From(http), ct) }))
            .RequireAuthorization(Permissions.CatalogWrite).ProducesError(404, "product.not_found").ProducesError(422, "stock.insufficient");
        admin.MapGet("/products/{id:guid}/stock-movements", (Guid id, CatalogAdmin catalog, CancellationToken ct) => catalog.MovementsAsync(id, ct))
            .RequireAuthorization(Permissions.CatalogRead);
        admin.MapGet("/stock", (bool? low, CatalogAdmin catalog, CancellationToken ct) => catalog.StockListAsync(low ?? false, ct))
            .RequireAuthorization(Permissions.CatalogRead);
        admin.MapPost("/categories", async (CategoryInput input, CatalogAdmin catalog, HttpContext http, CancellationToken ct) =>
            TypedResults.Created("/api/categories", await catalog.SaveCategoryAsync(null, input, Actor.From(http), ct)))
            .RequireAuthorization(Permissions.CatalogWrite).ProducesError(422, "category.cycle", "category.name_required");
        admin.MapPut("/categories/{id:guid}", (Guid id, CategoryInput input, CatalogAdmin catalog, HttpContext http, CancellationToken ct) =>
            catalog.SaveCategoryAsync(id, input, Actor.From(http), ct)).RequireAuthorization(Permissions.CatalogWrite)
            .ProducesError(404, "category.not_found").ProducesError(422, "category.cycle", "category.name_required");
        return app;
    }
}
