using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Webhooks;

public static class WebhookEndpoints
{
    private static readonly string[] UrlCodes = ["webhook.url_invalid", "webhook.url_not_https", "webhook.url_not_allowed", "webhook.url_unresolved", "webhook.event_unknown"];

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/api/admin/webhooks").WithTags("Webhooks").RequireAuthorization(Permissions.WebhooksManage);
        hooks.MapGet("", (WebhookAdmin s, CancellationToken ct) => s.ListAsync(ct));
        hooks.MapPost("", async (WebhookInput input, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(input, Actor.From(http), ct);
            return TypedResults.Created($"/api/admin/webhooks/{created.Webhook.Id}", created);
        }).ProducesError(400, UrlCodes);
        hooks.MapPatch("/{id:guid}", (Guid id, WebhookPatch patch, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
            s.UpdateAsync(id, patch, Actor.From(http), ct)).ProducesError(400, UrlCodes).ProducesError(404, "webhook.not_found");
        hooks.MapDelete("/{id:guid}", async (Guid id, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).ProducesError(404, "webhook.not_found");
        hooks.MapPost("/{id:guid}/rotate-secret", (Guid id, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
            s.RotateSecretAsync(id, Actor.From(http), ct)).ProducesError(404, "webhook.not_found");
        hooks.MapPost("/{id:guid}/ping", (Guid id, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
            s.PingAsync(id, Actor.From(http), ct)).ProducesError(404, "webhook.not_found").ProducesError(422, "webhook.disabled");
        hooks.MapGet("/{id:guid}/deliveries", (Guid id, WebhookAdmin s, CancellationToken ct) => s.DeliveriesAsync(id, ct))
            .ProducesError(404, "webhook.not_found");
        app.MapPost("/api/admin/webhook-deliveries/{id:guid}/resend", async (Guid id, WebhookAdmin s, HttpContext http, CancellationToken ct) =>
                TypedResults.Accepted($"/api/admin/webhook-deliveries/{id}", await s.ResendAsync(id, Actor.From(http), ct)))
            .WithTags("Webhooks").RequireAuthorization(Permissions.WebhooksManage).ProducesError(404, "webhook_delivery.not_found");
        return app;
    }
}
