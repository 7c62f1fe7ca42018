using MemberMall.Common;

namespace MemberMall.Features.Audit;

/// <summary>One staff action: who did what to which record, the values before and after, when and from where.</summary>
public class AuditEntry : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; init; }
    public Guid? ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public string? ActorRole { get; init; }
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}
