using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Risk;

public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRisk(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/risk/flags", (MallDb db, CancellationToken ct) => RiskFlags.OpenAsync(db, ct))
            .WithTags("Risk").RequireAuthorization(Permissions.MembersRead);
        return app;
    }
}
