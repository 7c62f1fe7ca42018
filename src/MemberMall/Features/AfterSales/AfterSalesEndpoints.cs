using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.AfterSales;

public static class AfterSalesEndpoints
{
    public static IEndpointRouteBuilder MapAfterSales(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api").WithTags("After-sales").RequireAuthorization(Roles.Member);
        member.MapPost("/orders/{id:guid}/after-sales", async (Guid id, AfterSalesInput input, HttpContext http, AfterSalesService service, AfterSalesQueries queries, CancellationToken ct) =>
        {
            var request = await service.RequestAsync(MemberId(http.User), id, input, Actor.From(http), ct);
            return TypedResults.Created($"/api/after-sales/{request.Id}", await queries.DetailAsync(request.Id, null, ct));
        }).ProducesError(404, "order.not_found", "order_item.not_found")
            .ProducesError(422, "aftersales.not_allowed", "aftersales.nothing_paid", "aftersales.quantity_exceeds");
        member.MapGet("/me/after-sales", (int? page, HttpContext http, AfterSalesQueries queries, CancellationToken ct) =>
            queries.SearchAsync(new AfterSalesQuery(MemberId: MemberId(http.User), Page: page), ct));
        member.MapGet("/after-sales/{id:guid}", (Guid id, HttpContext http, AfterSalesQueries queries, CancellationToken ct) =>
            queries.DetailAsync(id, MemberId(http.User), ct)).ProducesError(404, "aftersales.not_found");

        var admin = app.MapGroup("/api/admin/after-sales").WithTags("After-sales (staff)");
        admin.MapGet("", ([AsParameters] AfterSalesQuery query, AfterSalesQueries queries, CancellationToken ct) => queries.SearchAsync(query, ct))
            .RequireAuthorization(Permissions.OrdersRead);
        admin.MapGet("/{id:guid}", (Guid id, AfterSalesQueries queries, CancellationToken ct) => queries.DetailAsync(id, null, ct))
            .RequireAuthorization(Permissions.OrdersRead).ProducesError(404, "aftersales.not_found");
        Step(admin, "approve", Permissions.OrdersWrite, (s, id, d, a, ct) => s.ApproveAsync(id, d?.Note, a, ct));
        Step(admin, "reject", Permissions.OrdersWrite, (s, id, d, a, ct) => s.RejectAsync(id, d?.Note, a, ct));
        Step(admin, "receive", Permissions.OrdersWrite, (s, id, _, a, ct) => s.ReceiveAsync(id, a, ct));
        Step(admin, "refund", Permissions.FinanceWrite, (s, id, _, a, ct) => s.RefundAsync(id, a, ct));
        Step(admin, "complete", Permissions.OrdersWrite, (s, id, _, a, ct) => s.CompleteExchangeAsync(id, a, ct));
        return app;
    }

    private static void Step(RouteGroupBuilder admin, string action, string permission,
        Func<AfterSalesService, Guid, StaffDecision?, Actor, CancellationToken, Task<AfterSalesRequest>> step) =>
        admin.MapPost("/{id:guid}/" + action, async (Guid id, StaffDecision? decision, HttpContext http, AfterSalesService service, AfterSalesQueries queries, CancellationToken ct) =>
        {
            await step(service, id, decision, Actor.From(http), ct);
            return await queries.DetailAsync(id, null, ct);
        }).RequireAuthorization(permission).ProducesError(404, "aftersales.not_found")
            .ProducesError(422, "aftersales.invalid_transition", "aftersales.no_goods", "aftersales.not_exchange", "aftersales.exchange_not_refunded",
                "refund.exceeds_paid");
}
