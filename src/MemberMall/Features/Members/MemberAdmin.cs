using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Members;

public sealed record StaffProfileUpdate(
    [property: Required] long Version,
    [property: StringLength(50)] string? Name,
    Gender? Gender,
    DateOnly? Birthday,
    [property: StringLength(500), Url] string? AvatarUrl,
    [property: MaxLength(20), EachLength(30)] IReadOnlyList<string>? Interests);

public sealed record TagInput([property: Required, StringLength(30, MinimumLength = 1)] string Name);

public sealed record NoteInput([property: Required, StringLength(2000, MinimumLength = 1)] string Body);

/// <summary>Staff work on one member: the customer 360, profile edits, tags and notes, each audited.</summary>
public sealed class MemberAdmin(MallDb db, PiiProtector pii, AuditLog audit, TimeProvider clock, ShopSettingsService settings, Outbox.Outbox outbox)
{
    public async Task<MemberDetail> DetailAsync(Guid id, bool unmasked, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Include(x => x.Tags).ThenInclude(t => t.Tag).Include(x => x.Addresses)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        var notes = await db.MemberNotes.AsNoTracking().Where(n => n.MemberId == id).OrderByDescending(n => n.CreatedAt).Take(50)
            .Select(n => new NoteView(n.Id, n.AuthorName, n.Body, n.CreatedAt)).ToListAsync(ct);
        var view = new PiiView(pii, unmasked);
        return new MemberDetail(m.Id, m.MemberNo, m.Name, view.Phone(m.PhoneCipher), view.Email(m.EmailCipher), m.Gender.ToString().ToLowerInvariant(),
            m.Birthday, m.AvatarUrl, m.Interests, m.Tags.Select(t => t.Tag!.Name).Order().ToList(), m.ReferralCode, m.RegisteredAt,
            await ConsumptionStats.ViewAsync(db, m, ct),
            m.Addresses.OrderByDescending(a => a.IsDefault).Select(view.Address).ToList(), notes, !unmasked, m.Version);
    }

    public async Task<MemberDetail> UpdateAsync(Guid id, StaffProfileUpdate update, Actor actor, bool unmasked, CancellationToken ct)
    {
        var m = await db.Members.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        if (m.Version != update.Version)
            throw new ConflictException("concurrency.stale", "The member was changed by someone else; reload and try again.");
        var before = Snapshot(m);
        var today = (await settings.GetAsync(ct)).Today(clock.GetUtcNow());
        m.UpdateProfile(update.Name ?? m.Name, update.Gender ?? m.Gender, update.Birthday ?? m.Birthday, update.AvatarUrl ?? m.AvatarUrl,
            update.Interests ?? m.Interests, today);
        audit.Record(actor, "member.update", "member", m.Id.ToString(), before, Snapshot(m));
        outbox.Add("member.updated", m.Id, new { memberId = m.Id, m.MemberNo });
        await db.SaveChangesAsync(ct);
        return await DetailAsync(id, unmasked, ct);
    }

    public async Task AddTagAsync(Guid id, string name, Actor actor, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length == 0) throw new RequestValidationException("tag.name_required", "name", "A tag needs a name.");
        if (!await db.Members.AnyAsync(m => m.Id == id, ct)) throw NotFound();
        var tag = await db.Tags.SingleOrDefaultAsync(t => t.Name == name, ct);
        if (tag is null) db.Tags.Add(tag = new Tag { Name = name, CreatedAt = clock.GetUtcNow() });
        else if (await db.MemberTags.AnyAsync(t => t.MemberId == id && t.TagId == tag.Id, ct)) return;
        db.MemberTags.Add(new MemberTag { MemberId = id, TagId = tag.Id, CreatedAt = clock.GetUtcNow() });
        audit.Record(actor, "member.tag_add", "member", id.ToString(), null, new { tag = name });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveTagAsync(Guid id, string name, Actor actor, CancellationToken ct)
    {
        var link = await db.MemberTags.Include(t => t.Tag).SingleOrDefaultAsync(t => t.MemberId == id && t.Tag!.Name == name, ct)
            ?? throw new NotFoundException("tag.not_on_member", "The member does not have this tag.");
        db.MemberTags.Remove(link);
        audit.Record(actor, "member.tag_remove", "member", id.ToString(), new { tag = name }, null);
        await db.SaveChangesAsync(ct);
    }

    public async Task<NoteView> AddNoteAsync(Guid id, string body, Actor actor, CancellationToken ct)
    {
        if (!await db.Members.AnyAsync(m => m.Id == id, ct)) throw NotFound();
        var note = new MemberNote { MemberId = id, AuthorId = actor.Id ?? Guid.Empty, AuthorName = actor.Name, Body = body.Trim(), CreatedAt = clock.GetUtcNow() };
        db.MemberNotes.Add(note);
        audit.Record(actor, "member.note_add", "member", id.ToString(), null, new { noteId = note.Id });
        await db.SaveChangesAsync(ct);
        return new NoteView(note.Id, note.AuthorName, note.Body, note.CreatedAt);
    }

    public async Task<IReadOnlyList<TagSummary>> TagsAsync(CancellationToken ct) =>
        await db.Tags.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TagSummary(t.Name, db.MemberTags.Count(mt => mt.TagId == t.Id))).ToListAsync(ct);

    // The audit log holds no personal data: contact details appear only as "changed or not".
    private static object Snapshot(Member m) => new
    {
        m.Name, gender = m.Gender.ToString().ToLowerInvariant(), m.Birthday, m.AvatarUrl, m.Interests,
    };

    private static NotFoundException NotFound() => new("member.not_found", "Member not found.");
}

public sealed record TagSummary(string Name, int Members);
