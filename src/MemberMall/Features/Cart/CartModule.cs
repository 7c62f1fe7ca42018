namespace MemberMall.Features.Cart;

public static class CartModule
{
    public static IServiceCollection AddCart(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CartService>();
        return services;
    }
}
