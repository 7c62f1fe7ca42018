using System.Text.Json;
using MemberMall.Common;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Audit;

/// <summary>
/// Adds audit rows to the current unit of work, so an action and its audit row commit together or not at all.
/// Snapshots must already be masked: the audit log never holds plain personal data.
/// </summary>
public sealed class AuditLog(MallDb db, TimeProvider clock)
{
    // Chinese text stays readable in the stored JSON instead of \u escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public void Record(Actor actor, string action, string entityType, string entityId, object? before, object? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            ActorRole = actor.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Ip = actor.Ip,
            UserAgent = actor.UserAgent,
        });
}
