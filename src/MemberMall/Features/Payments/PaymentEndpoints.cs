using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Payments;

public sealed record PaymentRequest([property: Required] string Method);

public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/orders/{id:guid}/payments", async (Guid id, PaymentRequest req, PaymentService payments, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await payments.StartAsync(MemberEndpoints.MemberId(http.User), id, req.Method, Actor.From(http), ct)))
            .WithTags("Payments").RequireAuthorization(Roles.Member).ProducesError(400, "payment.method_invalid").ProducesError(404, "order.not_found")
            .ProducesError(422, "order.invalid_transition", "payment.method_unavailable", "payment.amount_mismatch");

        app.MapPost("/api/payments/callbacks/{provider}", async (string provider, HttpRequest request, SandboxGateway sandbox, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (provider != SandboxGateway.Provider) throw new NotFoundException("payment.provider_unknown", $"No payment provider '{provider}'.");
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            var notice = sandbox.Verify(body, request.Headers[SandboxGateway.SignatureHeader]);
            return TypedResults.Ok(new { result = await PaymentService.ApplyNotificationAsync(scopes, provider, notice, ct) });
        }).WithTags("Payments").AllowAnonymous().DisableAntiforgery().ProducesError(404, "payment.provider_unknown", "payment.not_found")
            .ProducesError(422, "payment.signature_invalid", "payment.notification_malformed", "payment.amount_mismatch");

        app.MapPost("/api/admin/payments/{id:guid}/confirm", async (Guid id, PaymentService payments, HttpContext http, CancellationToken ct) =>
        {
            await payments.ConfirmBankTransferAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).WithTags("Payments").RequireAuthorization(Permissions.FinanceWrite).ProducesError(404, "payment.not_found")
            .ProducesError(422, "payment.not_offline", "payment.not_pending");

        var refunds = app.MapGroup("/api/admin/refunds").WithTags("Payments").RequireAuthorization(Permissions.FinanceWrite);
        refunds.MapGet("", (string? status, int? page, int? pageSize, RefundQueue queue, CancellationToken ct) =>
            queue.SearchAsync(status, page, pageSize, ct));
        refunds.MapPost("/{id:guid}/retry", async (Guid id, RefundQueue queue, HttpContext http, CancellationToken ct) =>
        {
            await queue.RetryNowAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "refund.not_found").ProducesError(409, "refund.sending").ProducesError(422, "refund.not_pending", "refund.gateway_unreachable");
        refunds.MapPost("/{id:guid}/settle-offline", (Guid id, SettleRefundInput input, RefundQueue queue, HttpContext http, CancellationToken ct) =>
            queue.SettleOfflineAsync(id, input.Note, Actor.From(http), ct))
            .ProducesError(404, "refund.not_found").ProducesError(409, "refund.sending").ProducesError(422, "refund.not_pending");
        return app;
    }
}
