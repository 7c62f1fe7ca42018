using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Payments;
using MemberMall.Features.Pricing;
using MemberMall.Infrastructure;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Orders;

public sealed record ShipInput([property: Required, StringLength(50, MinimumLength = 1)] string Carrier, [property: Required, StringLength(50, MinimumLength = 1)] string TrackingNo);

public sealed record ReasonInput([property: StringLength(200)] string? Reason);

public sealed record RatingInput([property: Range(1, 5)] int Rating);

public sealed record OrderAnnotation([property: StringLength(100)] string? ReferralSource, [property: StringLength(1000)] string? FollowUpNote);

public sealed record ReviewDecision([property: Required] bool Approve, [property: StringLength(200)] string? Reason);

public sealed record PaymentRequest([property: Required] string Method);

public static class OrderEndpoints
{
    private static readonly string[] CouponCodes =
        ["coupon.not_available", "coupon.not_stackable", "coupon.not_applicable", "coupon.threshold_not_met", "coupon.budget_exhausted"];

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/checkout/preview", async (CheckoutInput input, HttpContext http, OrderService orders, CancellationToken ct) =>
            QuoteView.From(await orders.PreviewAsync(MemberId(http.User), input, ct))).WithTags("Orders").RequireAuthorization(Roles.Member)
            .ProducesError(404, "product.not_found").ProducesError(422, [.. CouponCodes, "checkout.empty", "points.insufficient", "points.below_minimum",
                "points.above_maximum", "product.unavailable", "stock.insufficient"]);

        var orders = app.MapGroup("/api").WithTags("Orders").RequireAuthorization(Roles.Member);
        orders.MapPost("/orders", async (CheckoutInput input, HttpContext http, OrderService service, OrderQueries queries, CancellationToken ct) =>
        {
            var order = await service.PlaceAsync(MemberId(http.User), input, Actor.From(http), ct);
            return TypedResults.Created($"/api/orders/{order.Id}", queries.Placed(order));
        }).ProducesError(404, "product.not_found").ProducesError(422, [.. CouponCodes, "checkout.empty", "points.insufficient", "points.below_minimum",
                "points.above_maximum", "product.unavailable", "stock.insufficient"]);
        orders.MapGet("/me/orders", ([AsParameters] OrderQuery query, HttpContext http, OrderQueries queries, CancellationToken ct) =>
            queries.SearchAsync(query with { MemberId = MemberId(http.User), Q = null, UnderReview = null }, ct));
        orders.MapGet("/orders/{id:guid}", (Guid id, HttpContext http, OrderQueries queries, CancellationToken ct) =>
            queries.DetailAsync(id, MemberId(http.User), true, ct)).ProducesError(404, "order.not_found");
        orders.MapPost("/orders/{id:guid}/cancel", (Guid id, ReasonInput? input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.CancelAsync(id, MemberId(http.User), input?.Reason ?? OrderNotes.CancelledByMember, Actor.From(http), ct), queries, MemberId(http.User), true, ct))
            .ProducesError(404, "order.not_found").ProducesError(422, "order.invalid_transition");
        orders.MapPost("/orders/{id:guid}/confirm-receipt", (Guid id, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.ConfirmReceiptAsync(id, MemberId(http.User), Actor.From(http), ct), queries, MemberId(http.User), true, ct))
            .ProducesError(404, "order.not_found").ProducesError(422, "order.invalid_transition");
        orders.MapPost("/orders/{id:guid}/rating", (Guid id, RatingInput input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.RateAsync(id, MemberId(http.User), input.Rating, Actor.From(http), ct), queries, MemberId(http.User), true, ct))
            .ProducesError(404, "order.not_found").ProducesError(422, "order.not_received");

        var admin = app.MapGroup("/api/admin/orders").WithTags("Orders (staff)");
        admin.MapGet("", ([AsParameters] OrderQuery query, OrderQueries queries, CancellationToken ct) => queries.SearchAsync(query, ct))
            .RequireAuthorization(Permissions.OrdersRead);
        admin.MapGet("/{id:guid}", (Guid id, HttpContext http, OrderQueries queries, CancellationToken ct) =>
            queries.DetailAsync(id, null, http.User.Has(Permissions.MembersPii), ct)).RequireAuthorization(Permissions.OrdersRead)
            .ProducesError(404, "order.not_found");
        admin.MapPost("/{id:guid}/ship", (Guid id, ShipInput input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.ShipAsync(id, input.Carrier, input.TrackingNo, Actor.From(http), ct), queries, null, http.User.Has(Permissions.MembersPii), ct))
            .RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "order.not_found")
            .ProducesError(422, "order.invalid_transition", "order.under_review", "order.refunded");
        admin.MapPost("/{id:guid}/deliver", (Guid id, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.ConfirmReceiptAsync(id, null, Actor.From(http), ct), queries, null, http.User.Has(Permissions.MembersPii), ct))
            .RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "order.not_found").ProducesError(422, "order.invalid_transition");
        admin.MapPost("/{id:guid}/cancel", (Guid id, ReasonInput? input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.CancelAsync(id, null, input?.Reason ?? OrderNotes.CancelledByStaff, Actor.From(http), ct), queries, null, http.User.Has(Permissions.MembersPii), ct))
            .RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "order.not_found").ProducesError(422, "order.invalid_transition");
        admin.MapPost("/{id:guid}/review", (Guid id, ReviewDecision input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.DecideReviewAsync(id, input.Approve, input.Reason, Actor.From(http), ct), queries, null, http.User.Has(Permissions.MembersPii), ct))
            .RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "order.not_found").ProducesError(422, "order.not_under_review");
        admin.MapPatch("/{id:guid}", (Guid id, OrderAnnotation input, HttpContext http, OrderActions actions, OrderQueries queries, CancellationToken ct) =>
            Then(actions.AnnotateAsync(id, input.ReferralSource, input.FollowUpNote, Actor.From(http), ct), queries, null, http.User.Has(Permissions.MembersPii), ct))
            .RequireAuthorization(Permissions.OrdersWrite).ProducesError(404, "order.not_found");
        admin.MapGet("/export", async ([AsParameters] OrderQuery query, string? format, OrderQueries queries, CancellationToken ct) =>
        {
            format = (format ?? "csv").ToLowerInvariant();
            if (format is not ("csv" or "xlsx")) throw new RequestValidationException("export.format_invalid", "format", "Use format=csv or format=xlsx.");
            var orders = await queries.FilterAsync(query, ct);
            if (format == "csv") return Results.Stream(s => OrderExport.WriteCsvAsync(orders, s, ct), "text/csv; charset=utf-8", "orders.csv");
            await OrderExport.EnsureFitsXlsxAsync(orders, ct);
            return Results.Stream(s => OrderExport.SendXlsxAsync(orders, s, ct), TableExport.XlsxContentType, "orders.xlsx");
        }).RequireAuthorization(Permissions.ReportsRead).ProducesError(400, "export.format_invalid").ProducesError(422, "export.too_large");
        return app.MapPayments();
    }

    /// <summary>Paying orders and finance's refunds; tagged Payments in the API document.</summary>
    private static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/orders/{id:guid}/payments", async (Guid id, PaymentRequest req, OrderPayments payments, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await payments.StartAsync(MemberId(http.User), id, req.Method, Actor.From(http), ct)))
            .WithTags("Payments").RequireAuthorization(Roles.Member).ProducesError(400, "payment.method_invalid").ProducesError(404, "order.not_found")
            .ProducesError(422, "order.invalid_transition", "payment.method_unavailable", "payment.amount_mismatch");

        app.MapPost("/api/payments/callbacks/{provider}", async (string provider, HttpRequest request, SandboxGateway sandbox, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (provider != SandboxGateway.Provider) throw new NotFoundException("payment.provider_unknown", $"No payment provider '{provider}'.");
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            var notice = sandbox.Verify(body, request.Headers[SandboxGateway.SignatureHeader]);
            return TypedResults.Ok(new { result = await OrderPayments.ApplyNotificationAsync(scopes, provider, notice, ct) });
        }).WithTags("Payments").AllowAnonymous().DisableAntiforgery().ProducesError(404, "payment.provider_unknown", "payment.not_found")
            .ProducesError(422, "payment.signature_invalid", "payment.notification_malformed", "payment.amount_mismatch");

        app.MapPost("/api/admin/payments/{id:guid}/confirm", async (Guid id, OrderPayments payments, HttpContext http, CancellationToken ct) =>
        {
            await payments.ConfirmBankTransferAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).WithTags("Payments").RequireAuthorization(Permissions.FinanceWrite).ProducesError(404, "payment.not_found")
            .ProducesError(422, "payment.not_offline", "payment.not_pending");

        var refunds = app.MapGroup("/api/admin/refunds").WithTags("Payments").RequireAuthorization(Permissions.FinanceWrite);
        refunds.MapGet("", (string? status, int? page, int? pageSize, OrderRefundQueue queue, CancellationToken ct) =>
            queue.SearchAsync(status, page, pageSize, ct));
        refunds.MapPost("/{id:guid}/retry", async (Guid id, RefundQueue queue, HttpContext http, CancellationToken ct) =>
        {
            await queue.RetryNowAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "refund.not_found").ProducesError(409, "refund.sending").ProducesError(422, "refund.not_pending", "refund.gateway_unreachable");
        refunds.MapPost("/{id:guid}/settle-offline", (Guid id, SettleRefundInput input, OrderRefundQueue queue, HttpContext http, CancellationToken ct) =>
            queue.SettleOfflineAsync(id, input.Note, Actor.From(http), ct))
            .ProducesError(404, "refund.not_found").ProducesError(409, "refund.sending").ProducesError(422, "refund.not_pending");
        return app;
    }

    /// <summary>The order after an action, as the caller may see it: a member gets the member view (<paramref name="memberId"/>), staff the staff view.</summary>
    private static async Task<OrderView> Then(Task<Order> action, OrderQueries queries, Guid? memberId, bool unmasked, CancellationToken ct)
    {
        var order = await action;
        return await queries.DetailAsync(order.Id, memberId, unmasked, ct);
    }
}
