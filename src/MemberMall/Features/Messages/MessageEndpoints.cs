using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Messages;

public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/messages").WithTags("Messages").RequireAuthorization(Roles.Member);
        me.MapGet("", (bool? unread, int? page, int? pageSize, HttpContext http, MessageCenter m, CancellationToken ct) =>
            m.ListAsync(MemberId(http.User), unread, page, pageSize, ct));
        me.MapPost("/{id:guid}/read", (Guid id, HttpContext http, MessageCenter m, CancellationToken ct) => m.ReadAsync(MemberId(http.User), id, ct))
            .ProducesError(404, "message.not_found");
        me.MapPost("/read-all", async (HttpContext http, MessageCenter m, CancellationToken ct) =>
        {
            var memberId = MemberId(http.User);
            var marked = await m.ReadAllAsync(memberId, ct);
            return TypedResults.Ok(new { marked, unreadCount = await m.UnreadCountAsync(memberId, ct) });
        });

        var prefs = app.MapGroup("/api/me/notification-preferences").WithTags("Messages").RequireAuthorization(Roles.Member);
        prefs.MapGet("", (HttpContext http, NotificationSettings s, CancellationToken ct) => s.GetAsync(MemberId(http.User), ct));
        prefs.MapPut("", (PreferencesInput input, HttpContext http, NotificationSettings s, CancellationToken ct) => s.UpdateAsync(MemberId(http.User), input, ct));
        return app;
    }
}
