using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Points;

public sealed record PointsEntryView(Guid Id, string Kind, long Points, long BalanceAfter, long PendingAfter, PointsSourceView Source, string? Note,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long AvailableChange, long PendingChange);

public sealed record PointsSourceView(string Type, string Id, string Rule);

public sealed record ExpiringPoints(long Points, DateTimeOffset ExpiresAt);

public sealed record PointsSummary(long Available, long Pending, IReadOnlyList<ExpiringPoints> Expiring);

public sealed record PointsAdjustment([property: Required] long Points, [property: Required, StringLength(200, MinimumLength = 1)] string Reason);

public sealed class PointsQueries(MallDb db, TimeProvider clock)
{
    public async Task<PointsSummary> SummaryAsync(Guid memberId, CancellationToken ct)
    {
        var account = await db.PointsAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.MemberId == memberId, ct);
        var soon = clock.GetUtcNow().AddDays(30);
        var expiring = await db.PointsLots.AsNoTracking()
            .Where(l => l.MemberId == memberId && l.Status == LotStatus.Available && l.Remaining > 0 && l.ExpiresAt != null && l.ExpiresAt <= soon)
            .OrderBy(l => l.ExpiresAt).Select(l => new ExpiringPoints(l.Remaining, l.ExpiresAt!.Value)).ToListAsync(ct);
        return new PointsSummary(account?.Available ?? 0, account?.Pending ?? 0, expiring);
    }

    public async Task<PagedList<PointsEntryView>> EntriesAsync(Guid memberId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.PointsEntries.AsNoTracking().Where(e => e.MemberId == memberId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(e => new PointsEntryView(e.Id, EnumText.Snake(e.Kind), e.Points, e.AvailableAfter, e.PendingAfter,
            new PointsSourceView(e.SourceType, e.SourceId, e.Rule), e.Note, e.CreatedAt, e.ExpiresAt, e.AvailableChange, e.PendingChange)).ToList();
        return new PagedList<PointsEntryView>(items, p, size, total, false, null);
    }
}

public static class PointsEndpoints
{
    public static IEndpointRouteBuilder MapPoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/points").WithTags("Points").RequireAuthorization(Roles.Member);
        me.MapGet("", (HttpContext http, PointsQueries q, CancellationToken ct) => q.SummaryAsync(MemberId(http.User), ct));
        me.MapGet("/entries", (int? page, int? pageSize, HttpContext http, PointsQueries q, CancellationToken ct) => q.EntriesAsync(MemberId(http.User), page, pageSize, ct));

        var admin = app.MapGroup("/api/admin/members/{id:guid}/points").WithTags("Points (staff)");
        admin.MapGet("", (Guid id, PointsQueries q, CancellationToken ct) => q.SummaryAsync(id, ct)).RequireAuthorization(Permissions.MembersRead);
        admin.MapGet("/entries", (Guid id, int? page, int? pageSize, PointsQueries q, CancellationToken ct) => q.EntriesAsync(id, page, pageSize, ct))
            .RequireAuthorization(Permissions.MembersRead);
        admin.MapPost("/adjustments", async (Guid id, PointsAdjustment input, HttpContext http, PointsAdmin points, CancellationToken ct) =>
            TypedResults.Ok(await points.AdjustAsync(id, input, Actor.From(http), ct))).RequireAuthorization(Permissions.PointsWrite)
            .ProducesError(400, "points.amount_invalid", "points.reason_required").ProducesError(404, "member.not_found").ProducesError(422, "points.insufficient");

        app.MapPointsRules();
        return app;
    }
}
