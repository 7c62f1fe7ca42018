using System.Text.Json;
using MemberMall.Features.Outbox;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Messages;

/// <summary>
/// Turns outbox events into member messages (<see cref="MessageRules"/>) inside the dispatcher's transaction. An event
/// handed over again (at-least-once delivery) finds its message already there and makes no second one; the unique
/// key on (source, member) holds even if two passes raced past that check, failing the later batch whole.
/// </summary>
public sealed class MessageOutbox(MallDb db, ShopSettingsService shop, TimeProvider clock) : IOutboxConsumer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task AcceptAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var events = messages.Where(m => MessageRules.EventTypes.Contains(m.Type)).ToList();
        if (events.Count == 0) return;
        var ids = events.Select(m => m.Id).ToList();
        var taken = (await db.MemberMessages.AsNoTracking().Where(x => ids.Contains(x.SourceId)).Select(x => new { x.SourceId, x.MemberId }).ToListAsync(ct))
            .Select(x => (x.SourceId, x.MemberId)).ToHashSet();
        var zone = (await shop.GetAsync(ct)).Zone;
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            using var payload = JsonDocument.Parse(e.Payload);
            if (MessageRules.From(e.Type, payload.RootElement, zone) is not { } draft || !taken.Add((e.Id, draft.MemberId))) continue;
            db.MemberMessages.Add(new MemberMessage
            {
                // Sequential, so messages made in one millisecond still list in the order their events happened.
                Id = SequentialIds.Next(),
                MemberId = draft.MemberId,
                SourceId = e.Id,
                Kind = draft.Kind,
                Parameters = JsonSerializer.Serialize(draft.Parameters, Json),
                Link = draft.Link,
                CreatedAt = now,
            });
        }
    }

    public Task<int> WorkAsync(CancellationToken ct) => Task.FromResult(0);
}
