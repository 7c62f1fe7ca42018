using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Reviews;

public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api").WithTags("Reviews");
        reviews.MapGet("/products/{id:guid}/reviews", (Guid id, [AsParameters] ReviewQuery query, ReviewService s, CancellationToken ct) => s.ListAsync(id, query, ct))
            .AllowAnonymous().ProducesError(400, "review.stars_invalid", "reviews.sort_invalid");
        reviews.MapPost("/products/{id:guid}/reviews", async (Guid id, ReviewInput input, HttpContext http, ReviewService s, CancellationToken ct) =>
            TypedResults.Created($"/api/products/{id}/reviews", await s.AddAsync(MemberId(http.User), id, input, ct))).RequireAuthorization(Roles.Member)
            .ProducesError(400, "review.stars_invalid").ProducesError(409, "review.already_exists").ProducesError(422, "review.not_purchased", "review.not_received");
        reviews.MapPost("/reviews/{id:guid}/helpful", async (Guid id, HttpContext http, ReviewService s, CancellationToken ct) =>
            TypedResults.Ok(new { helpful = await s.VoteHelpfulAsync(MemberId(http.User), id, ct) })).RequireAuthorization(Roles.Member)
            .ProducesError(404, "review.not_found");
        return app;
    }
}
