using System.Text.Json;
using MemberMall.Features.Outbox;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Webhooks;

/// <summary>Turns outbox events into deliveries, one per subscribed active endpoint, and sends what is due.</summary>
public sealed class WebhookOutbox(MallDb db, WebhookSender sender, TimeProvider clock) : IOutboxConsumer
{
    public async Task AcceptAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        if (!messages.Any(m => WebhookRules.EventTypes.Contains(m.Type))) return;
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Status == WebhookStatus.Active).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var m in messages)
        {
            var takers = endpoints.Where(e => e.Takes(m.Type)).ToList();
            if (takers.Count == 0) continue;
            using var payload = JsonDocument.Parse(m.Payload);
            var member = payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("memberId", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            foreach (var e in takers)
            {
                var deliveryId = Guid.CreateVersion7();
                db.WebhookDeliveries.Add(new WebhookDelivery(e.Id, m.Type, m.Id, member, deliveryId,
                    Envelope(deliveryId, m.Type, m.OccurredAt, payload.RootElement), now));
            }
        }
    }

    public Task<int> WorkAsync(CancellationToken ct) => sender.SendDueAsync(ct);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The body every attempt sends: <c>{id, type, createdAt, data}</c>.</summary>
    public static string Envelope(Guid id, string type, DateTimeOffset createdAt, JsonElement data) =>
        JsonSerializer.Serialize(new { id, type, createdAt, data }, Json);
}
