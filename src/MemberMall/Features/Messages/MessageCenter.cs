using System.Globalization;
using System.Text.Json;
using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Messages;

/// <summary>A message as its reader sees it, in the reader's language.</summary>
public sealed record MessageView(Guid Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, bool Read);

/// <summary>A page of messages, newest first, with the member's unread count over all of them.</summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Items, int Page, int PageSize, long Total, bool TotalIsCapped, int UnreadCount);

/// <summary>A member's messages: list, unread count, mark read.</summary>
public sealed class MessageCenter(MallDb db, TimeProvider clock)
{
    public async Task<MessagePage> ListAsync(Guid memberId, bool? unread, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.MemberMessages.AsNoTracking().Where(m => m.MemberId == memberId);
        if (unread == true) q = q.Where(m => m.ReadAt == null);
        if (unread == false) q = q.Where(m => m.ReadAt != null);
        var counted = await Paging.CountUpToCapAsync(q, ct);
        var rows = await q.OrderByDescending(m => m.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var list = PagedList<MessageView>.Of(rows.Select(View).ToList(), p, size, counted);
        return new MessagePage(list.Items, list.Page, list.PageSize, list.Total, list.TotalIsCapped, await UnreadCountAsync(memberId, ct));
    }

    public Task<int> UnreadCountAsync(Guid memberId, CancellationToken ct) =>
        db.MemberMessages.CountAsync(m => m.MemberId == memberId && m.ReadAt == null, ct);

    /// <summary>Marks one of the member's messages read; another member's message is not found.</summary>
    public async Task<MessageView> ReadAsync(Guid memberId, Guid id, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(ct);
        var message = await db.MemberMessages.SingleOrDefaultAsync(m => m.Id == id && m.MemberId == memberId, ct)
            ?? throw new NotFoundException("message.not_found", "Message not found.");
        message.MarkRead(clock.GetUtcNow());
        await work.SaveAndCommitAsync(ct);
        return View(message);
    }

    /// <summary>Marks every unread message of the member read; answers how many were.</summary>
    public async Task<int> ReadAllAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.MemberMessages.Where(m => m.MemberId == memberId && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
    }

    public static MessageView View(MemberMessage m)
    {
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(m.Parameters) ?? new();
        var (title, body) = MessageTemplates.Render(m.Kind, parameters, CultureInfo.CurrentUICulture);
        return new MessageView(m.Id, m.Kind, title, body, m.Link, m.CreatedAt, m.ReadAt, m.ReadAt is not null);
    }
}
