namespace MemberMall.Features.Catalog;

public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CatalogQueries>();
        services.AddScoped<CatalogAdmin>();
        services.AddScoped<ProductAdminQueries>();
        return services;
    }
}
