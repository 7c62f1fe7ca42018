using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Outbox;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Webhooks;

public sealed record WebhookInput(
    [property: Required, StringLength(WebhookRules.UrlMax, MinimumLength = 1)] string Url,
    [property: Required, MinLength(1), MaxLength(20), EachLength(64)] IReadOnlyList<string> Events,
    [property: StringLength(200)] string? Description = null);

public sealed record WebhookPatch(
    [property: StringLength(WebhookRules.UrlMax, MinimumLength = 1)] string? Url = null,
    [property: MinLength(1), MaxLength(20), EachLength(64)] IReadOnlyList<string>? Events = null,
    [property: StringLength(200)] string? Description = null,
    bool? Enabled = null);

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, WebhookStatus Status,
    DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt, DateTimeOffset? PreviousSecretValidUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The answer that carries a secret: shown once, on create and on rotate.</summary>
public sealed record WebhookWithSecret(WebhookView Webhook, string Secret);

public sealed record DeliveryView(Guid Id, Guid EndpointId, string EventType, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, int? ResponseStatus, int? LatencyMs,
    string? ResponseExcerpt, string? Error);

/// <summary>Staff manage webhook endpoints: every change is audited in its own unit of work, secrets never are.</summary>
public sealed class WebhookAdmin(MallDb db, WebhookAddresses addresses, PiiProtector pii, AuditLog audit, WebhookSender sender, TimeProvider clock,
    IOptions<WebhookOptions> options)
{
    public async Task<List<WebhookView>> ListAsync(CancellationToken ct) =>
        (await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(ct)).Select(View).ToList();

    public async Task<WebhookWithSecret> CreateAsync(WebhookInput input, Actor actor, CancellationToken ct)
    {
        var events = CheckEvents(input.Events);
        var url = input.Url.Trim();
        await addresses.CheckAsync(url, ct);
        var secret = WebhookRules.NewSecret();
        var endpoint = new WebhookEndpoint(url, events, Blank(input.Description), pii.Encrypt(secret), clock.GetUtcNow());
        await using var work = await db.BeginWorkAsync(ct);
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(actor, "webhook.create", "webhook", endpoint.Id.ToString(), null, Snapshot(endpoint));
        await work.SaveAndCommitAsync(ct);
        return new WebhookWithSecret(View(endpoint), secret);
    }

    public async Task<WebhookView> UpdateAsync(Guid id, WebhookPatch patch, Actor actor, CancellationToken ct)
    {
        var events = patch.Events is null ? null : CheckEvents(patch.Events);
        var url = patch.Url?.Trim();
        if (url is not null) await addresses.CheckAsync(url, ct);
        await using var work = await db.BeginWorkAsync(ct);
        var endpoint = await FindAsync(id, ct);
        var before = Snapshot(endpoint);
        endpoint.Change(url, events, patch.Description?.Trim(), patch.Enabled, clock.GetUtcNow());
        audit.Record(actor, "webhook.update", "webhook", id.ToString(), before, Snapshot(endpoint));
        await work.SaveAndCommitAsync(ct);
        return View(endpoint);
    }

    public async Task DeleteAsync(Guid id, Actor actor, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(ct);
        var endpoint = await FindAsync(id, ct);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(ct);
        db.WebhookEndpoints.Remove(endpoint);
        audit.Record(actor, "webhook.delete", "webhook", id.ToString(), Snapshot(endpoint), null);
        await work.SaveAndCommitAsync(ct);
    }

    public async Task<WebhookWithSecret> RotateSecretAsync(Guid id, Actor actor, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(ct);
        var endpoint = await FindAsync(id, ct);
        var secret = WebhookRules.NewSecret();
        endpoint.Rotate(pii.Encrypt(secret), clock.GetUtcNow(), TimeSpan.FromHours(Math.Max(0, options.Value.RotationOverlapHours)));
        audit.Record(actor, "webhook.rotate_secret", "webhook", id.ToString(), null, new { previousSecretValidUntil = endpoint.PreviousSecretUntil });
        await work.SaveAndCommitAsync(ct);
        return new WebhookWithSecret(View(endpoint), secret);
    }

    /// <summary>Queues a <c>webhook.ping</c> for the endpoint and sends it at once; answers the delivery as it stands after the attempt.</summary>
    public async Task<DeliveryView> PingAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var deliveryId = Guid.CreateVersion7();
        await using (var work = await db.BeginWorkAsync(ct))
        {
            var endpoint = await FindAsync(id, ct);
            if (endpoint.Status != WebhookStatus.Active) throw new DomainException("webhook.disabled", "The endpoint is disabled; enable it first.");
            using var data = JsonDocument.Parse(JsonSerializer.Serialize(new { endpointId = id }));
            db.WebhookDeliveries.Add(new WebhookDelivery(id, WebhookRules.Ping, SequentialIds.Next(), null, deliveryId,
                WebhookOutbox.Envelope(deliveryId, WebhookRules.Ping, now, data.RootElement), now));
            audit.Record(actor, "webhook.ping", "webhook", id.ToString(), null, new { deliveryId });
            await work.SaveAndCommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        if (await sender.ClaimAsync(deliveryId, ct)) await sender.SendAsync(deliveryId, ct);
        return await DeliveryAsync(deliveryId, ct);
    }

    public async Task<List<DeliveryView>> DeliveriesAsync(Guid id, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct)) throw NotFound();
        return await Views(db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(100))
            .ToListAsync(ct);
    }

    /// <summary>Sends a delivery again (same id, same body) from the next pass on, with a fresh retry window.</summary>
    public async Task<DeliveryView> ResendAsync(Guid deliveryId, Actor actor, CancellationToken ct)
    {
        await using (var work = await db.BeginWorkAsync(ct))
        {
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct)
                ?? throw new NotFoundException("webhook_delivery.not_found", "Delivery not found.");
            delivery.Resend(clock.GetUtcNow());
            audit.Record(actor, "webhook.resend", "webhook_delivery", deliveryId.ToString(), null, new { delivery.EndpointId, delivery.EventType });
            await work.SaveAndCommitAsync(ct);
        }
        return await DeliveryAsync(deliveryId, ct);
    }

    private Task<DeliveryView> DeliveryAsync(Guid id, CancellationToken ct) =>
        Views(db.WebhookDeliveries.AsNoTracking().Where(d => d.Id == id)).SingleAsync(ct);

    private static IQueryable<DeliveryView> Views(IQueryable<WebhookDelivery> q) => q.Select(d => new DeliveryView(d.Id, d.EndpointId, d.EventType, d.Status,
        d.Attempts, d.CreatedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.DeliveredAt, d.ResponseStatus, d.LatencyMs,
        d.ResponseExcerpt, d.Error));

    private async Task<WebhookEndpoint> FindAsync(Guid id, CancellationToken ct) =>
        await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();

    private static NotFoundException NotFound() => new("webhook.not_found", "Webhook endpoint not found.");

    private static List<string> CheckEvents(IReadOnlyList<string> events)
    {
        var unknown = events.Where(e => !WebhookRules.EventTypes.Contains(e)).ToList();
        if (unknown.Count > 0)
            throw new RequestValidationException("webhook.event_unknown", "events", $"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", WebhookRules.EventTypes)}.");
        return events.Distinct().ToList();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Snapshot(WebhookEndpoint e) => new { e.Url, events = e.Events, e.Description, status = e.Status.ToString() };

    private static WebhookView View(WebhookEndpoint e) => new(e.Id, e.Url, e.EventList, e.Description, e.Status, e.FailingSince, e.DisabledAt,
        e.PreviousSecretUntil, e.CreatedAt, e.UpdatedAt);
}
