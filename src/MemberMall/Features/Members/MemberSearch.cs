using System.Text.Json;
using MemberMall.Common;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Members;

/// <summary>The admin member list's filters, as query-string parameters.</summary>
public sealed record MemberQuery(
    string? Q = null, string? Tag = null, string? Tier = null, decimal? MinSpend = null, decimal? MaxSpend = null,
    DateTimeOffset? LastOrderBefore = null, DateTimeOffset? LastOrderAfter = null,
    DateTimeOffset? RegisteredFrom = null, DateTimeOffset? RegisteredTo = null,
    Gender? Gender = null, string? Sort = null, int? Page = null, int? PageSize = null, string? Cursor = null);

/// <summary>
/// Searches members so that it stays fast at a million rows: exact look-ups go through keyed hashes and
/// unique indexes, names by an indexed prefix, and every sort has a (key, member no) index for keyset paging.
/// Offset pages stop at <see cref="Paging.MaxOffset"/>; past that the <c>cursor</c> continues.
/// </summary>
public sealed class MemberSearch(MallDb db, PiiProtector pii)
{
    public static readonly string[] Sorts = ["-registeredAt", "registeredAt", "-totalSpend", "totalSpend", "-lastOrderAt", "lastOrderAt", "name", "-name"];

    private sealed record Cursor(long Key, string No);

    public async Task<PagedList<MemberListItem>> SearchAsync(MemberQuery query, bool unmasked, CancellationToken ct)
    {
        var sort = query.Sort ?? "-registeredAt";
        if (!Sorts.Contains(sort))
            throw new RequestValidationException("members.sort_invalid", "sort", "Sort by one of: " + string.Join(", ", Sorts));
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var serial = await db.BeginSerialReadsAsync(ct);
        var filtered = await FilterAsync(query, ct);

        var total = await CountAsync(query, filtered, ct);

        var cursor = Decode(query.Cursor);
        var keyset = sort.TrimStart('-') is "registeredAt" or "totalSpend";
        if (cursor is not null && !keyset)
            throw new RequestValidationException("members.cursor_unsupported", "cursor", "A cursor continues only the registeredAt and totalSpend orders.");

        var ordered = Order(filtered, sort, cursor);
        if (cursor is null) ordered = ordered.Skip((page - 1) * size);
        var rows = await ordered.Take(size).Select(m => new
        {
            m.Id, m.MemberNo, m.Name, m.PhoneCipher, m.EmailCipher, m.Gender,
            Tags = m.Tags.Select(t => t.Tag!.Name).ToList(),
            m.OrderCount, m.TotalSpendFen, m.LastOrderAt, m.RegisteredAt,
        }).ToListAsync(ct);

        var view = new PiiView(pii, unmasked);
        var items = rows.Select(r => new MemberListItem(r.Id, r.MemberNo, r.Name, view.Phone(r.PhoneCipher), view.Email(r.EmailCipher),
            r.Gender.ToString().ToLowerInvariant(), r.Tags, r.OrderCount, r.TotalSpendFen / 100m, r.LastOrderAt, r.RegisteredAt)).ToList();

        string? next = null;
        if (keyset && rows.Count == size)
        {
            var last = rows[^1];
            next = Encode(new Cursor(sort.EndsWith("registeredAt") ? last.RegisteredAt.UtcTicks : last.TotalSpendFen, last.MemberNo));
        }
        return PagedList<MemberListItem>.Of(items, page, size, total, next);
    }

    /// <summary>Counts up to one past the cap.</summary>
    private async Task<int> CountAsync(MemberQuery query, IQueryable<Member> filtered, CancellationToken ct)
    {
        const int limit = PagedList<MemberListItem>.TotalCap + 1;
        // A tag alone: its member_tags rows are its members, one each (the key is member + tag, the member
        // must exist), so the (tag, member) index counts them without visiting members at all.
        if (!string.IsNullOrWhiteSpace(query.Tag) && query with { Tag = null, Sort = null, Page = null, PageSize = null, Cursor = null } == new MemberQuery())
        {
            var tagName = query.Tag.Trim();
            return await db.MemberTags.Where(t => t.Tag!.Name == tagName).Take(limit).CountAsync(ct);
        }
        return await filtered.Take(limit).CountAsync(ct);
    }

    public async Task<IQueryable<Member>> FilterAsync(MemberQuery query, CancellationToken ct)
    {
        var q = db.Members.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q)) q = MatchText(q, query.Q.Trim());
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tagName = query.Tag.Trim();
            var tagId = await db.Tags.Where(t => t.Name == tagName).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
            q = tagId is null ? q.Where(_ => false) : q.Where(m => m.Tags.Any(t => t.TagId == tagId));
        }
        if (!string.IsNullOrWhiteSpace(query.Tier))
        {
            var code = query.Tier.Trim().ToLowerInvariant();
            var ladder = await db.Tiers.AsNoTracking().OrderBy(t => t.Rank).Select(t => new { t.Id, t.Code }).ToListAsync(ct);
            var tierId = ladder.SingleOrDefault(t => t.Code == code)?.Id
                ?? throw new RequestValidationException("members.tier_unknown", "tier", $"There is no tier '{code}'.");
            // A member without a tier row is in the lowest tier (see TierService.CurrentAsync).
            q = tierId == ladder[0].Id
                ? q.Where(m => !db.MemberTiers.Any(t => t.MemberId == m.Id && t.TierId != tierId))
                : q.Where(m => db.MemberTiers.Any(t => t.MemberId == m.Id && t.TierId == tierId));
        }
        if (query.MinSpend is { } min) { var fen = Money.FromYuan(min, "minSpend").Minor; q = q.Where(m => m.TotalSpendFen >= fen); }
        if (query.MaxSpend is { } max) { var fen = Money.FromYuan(max, "maxSpend").Minor; q = q.Where(m => m.TotalSpendFen <= fen); }
        if (Dates.Instant(query.LastOrderBefore, "lastOrderBefore") is { } lob) q = q.Where(m => m.LastOrderAt < lob);
        if (Dates.Instant(query.LastOrderAfter, "lastOrderAfter") is { } loa) q = q.Where(m => m.LastOrderAt >= loa);
        if (Dates.Instant(query.RegisteredFrom, "registeredFrom") is { } rf) q = q.Where(m => m.RegisteredAt >= rf);
        if (Dates.Instant(query.RegisteredTo, "registeredTo") is { } rt) q = q.Where(m => m.RegisteredAt < rt);
        if (query.Gender is { } g) q = q.Where(m => m.Gender == g);
        return q;
    }

    private IQueryable<Member> MatchText(IQueryable<Member> q, string text)
    {
        if (ContactNormalizer.LooksLikeEmail(text))
        {
            var hash = ContactNormalizer.NormalizeEmail(text) is { } e ? pii.Hash(e) : "";
            return q.Where(m => m.EmailHash == hash);
        }
        if (ContactNormalizer.NormalizePhone(text) is { } phone)
        {
            var hash = pii.Hash(phone);
            return q.Where(m => m.PhoneHash == hash);
        }
        if (text.Length == 10 && text.All(char.IsAsciiDigit)) return q.Where(m => m.MemberNo == text);

        // A range over the prefix: an index look-up on both databases (SQLite's LIKE ignores ASCII case and so skips the
        // index; PostgreSQL's index on the name compares bytes, collation "C").
        var prefix = text.ToLowerInvariant();
        var upper = prefix + char.MaxValue;
        return q.Where(m => string.Compare(m.SearchName, prefix) >= 0 && string.Compare(m.SearchName, upper) < 0);
    }

    private static IQueryable<Member> Order(IQueryable<Member> q, string sort, Cursor? c)
    {
        switch (sort)
        {
            case "-registeredAt":
                if (c is not null) { var at = Dates.FromUtcTicks(c.Key, "cursor"); q = q.Where(m => m.RegisteredAt <= at && (m.RegisteredAt < at || string.Compare(m.MemberNo, c.No) < 0)); }
                return q.OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.MemberNo);
            case "registeredAt":
                if (c is not null) { var at = Dates.FromUtcTicks(c.Key, "cursor"); q = q.Where(m => m.RegisteredAt >= at && (m.RegisteredAt > at || string.Compare(m.MemberNo, c.No) > 0)); }
                return q.OrderBy(m => m.RegisteredAt).ThenBy(m => m.MemberNo);
            case "-totalSpend":
                if (c is not null) q = q.Where(m => m.TotalSpendFen <= c.Key && (m.TotalSpendFen < c.Key || string.Compare(m.MemberNo, c.No) < 0));
                return q.OrderByDescending(m => m.TotalSpendFen).ThenByDescending(m => m.MemberNo);
            case "totalSpend":
                if (c is not null) q = q.Where(m => m.TotalSpendFen >= c.Key && (m.TotalSpendFen > c.Key || string.Compare(m.MemberNo, c.No) > 0));
                return q.OrderBy(m => m.TotalSpendFen).ThenBy(m => m.MemberNo);
            case "-lastOrderAt":
                return q.OrderBy(m => m.LastOrderAt == null).ThenByDescending(m => m.LastOrderAt).ThenByDescending(m => m.MemberNo);
            case "lastOrderAt":
                return q.OrderBy(m => m.LastOrderAt == null).ThenBy(m => m.LastOrderAt).ThenBy(m => m.MemberNo);
            case "name":
                return q.OrderBy(m => m.SearchName == null).ThenBy(m => m.SearchName).ThenBy(m => m.MemberNo);
            default:
                return q.OrderBy(m => m.SearchName == null).ThenByDescending(m => m.SearchName).ThenByDescending(m => m.MemberNo);
        }
    }

    private static string Encode(Cursor c) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(c)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Cursor? Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var b64 = text.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            return JsonSerializer.Deserialize<Cursor>(Convert.FromBase64String(b64)) ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new RequestValidationException("paging.cursor_invalid", "cursor", "The cursor is not one this list handed out.");
        }
    }
}
