namespace MemberMall.Features.Reviews;

public static class ReviewModule
{
    public static IServiceCollection AddReviews(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ReviewService>();
        return services;
    }
}
