using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Engagement;

public static class EngagementEndpoints
{
    public static IEndpointRouteBuilder MapEngagement(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/check-ins").WithTags("Check-in").RequireAuthorization(Roles.Member);
        me.MapPost("", async (HttpContext http, CheckIns c, CancellationToken ct) => TypedResults.Ok(await c.CheckInAsync(MemberId(http.User), ct)))
            .ProducesError(422, "checkin.already_done");
        me.MapGet("", (string? month, HttpContext http, CheckIns c, CancellationToken ct) => c.CalendarAsync(MemberId(http.User), month, ct))
            .ProducesError(400, "checkin.month_invalid");

        app.MapGet("/api/me/referrals", (HttpContext http, Referrals r, CancellationToken ct) => r.MineAsync(MemberId(http.User), ct))
            .WithTags("Referrals").RequireAuthorization(Roles.Member);
        return app;
    }
}
