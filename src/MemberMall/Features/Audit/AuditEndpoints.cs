using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Audit;

public sealed record AuditQuery(string? Action = null, string? EntityType = null, string? EntityId = null, Guid? ActorId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int? Page = null, int? PageSize = null);

public sealed record AuditView(Guid Id, DateTimeOffset At, Guid? ActorId, string ActorName, string? ActorRole, string Action,
    string EntityType, string EntityId, string? Before, string? After, string? Ip);

/// <summary>The audit log can be read and filtered; there is no route that changes or deletes it.</summary>
public static class AuditEndpoints
{
    public static async Task<PagedList<AuditView>> QueryAsync(MallDb db, AuditQuery query, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(a => a.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.EntityType)) q = q.Where(a => a.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) q = q.Where(a => a.EntityId == query.EntityId);
        if (query.ActorId is { } actor) q = q.Where(a => a.ActorId == actor);
        if (Dates.Instant(query.From, "from") is { } from) q = q.Where(a => a.At >= from);
        if (Dates.Instant(query.To, "to") is { } to) q = q.Where(a => a.At < to);
        var total = await Paging.CountUpToCapAsync(q, ct);
        var items = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * size).Take(size)
            .Select(a => new AuditView(a.Id, a.At, a.ActorId, a.ActorName, a.ActorRole, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Ip))
            .ToListAsync(ct);
        return PagedList<AuditView>.Of(items, page, size, total);
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", ([AsParameters] AuditQuery query, MallDb db, CancellationToken ct) => QueryAsync(db, query, ct))
            .WithTags("Audit").RequireAuthorization(Permissions.AuditRead);
        return app;
    }
}
