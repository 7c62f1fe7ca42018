using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Audit;
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
        admin.MapPost("/adjustments", async (Guid id, PointsAdjustment input, HttpContext http, MallDb db, PointsLedger ledger, LoyaltySettingsService rules,
            Settings.ShopSettingsService shop, AuditLog audit, PointsQueries q, TimeProvider clock, CancellationToken ct) =>
        {
            if (input.Points == 0 || Math.Abs(input.Points) > 10_000_000)
                throw new RequestValidationException("points.amount_invalid", "points", "Adjust by a non-zero number of points up to 10,000,000.");
            if (!await db.Members.AnyAsync(m => m.Id == id, ct)) throw new NotFoundException("member.not_found", "Member not found.");
            var actor = Actor.From(http);
            var source = new PointsSource("adjustment", Guid.CreateVersion7().ToString(), "manual");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (input.Points > 0)
            {
                var now = clock.GetUtcNow();
                var expires = (await rules.GetAsync(ct)).ExpiresAt(now, (await shop.GetAsync(ct)).Zone);
                await ledger.CreditAsync(id, input.Points, pending: false, expires, source, input.Reason, actor, ct);
            }
            else await ledger.DebitAsync(id, -input.Points, PointsEntryKind.Adjust, source, input.Reason, actor, ct);
            audit.Record(actor, "points.adjust", "member", id.ToString(), null, new { input.Points, input.Reason });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(await q.SummaryAsync(id, ct));
        }).RequireAuthorization(Permissions.MembersWrite);
        return app;
    }
}
