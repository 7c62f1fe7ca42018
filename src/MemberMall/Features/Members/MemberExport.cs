using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Common.TableExport;

namespace MemberMall.Features.Members;

/// <summary>
/// Exports the filtered member list, read and written one row at a time. CSV works for any size; an Excel
/// workbook is limited to <see cref="MaxXlsxRows"/> rows.
/// </summary>
public sealed class MemberExport(MallDb db, MemberSearch search, PiiProtector pii, AuditLog audit)
{
    public const int MaxXlsxRows = 100_000;

    private static readonly Column[] Columns =
    [
        new("会员号 MemberNo"), new("姓名 Name"), new("手机 Phone"), new("邮箱 Email"), new("性别 Gender"), new("订单数 Orders"),
        new("消费总额 TotalSpend", Yuan: true), new("最近下单 LastOrderAt"), new("注册时间 RegisteredAt"),
    ];

    private sealed record Row(string MemberNo, string? Name, string? PhoneCipher, string? EmailCipher, Gender Gender, int OrderCount, long TotalSpendFen, DateTimeOffset? LastOrderAt, DateTimeOffset RegisteredAt);

    public async Task<IQueryable<Member>> PrepareAsync(MemberQuery query, string format, Actor actor, CancellationToken ct)
    {
        var filtered = await search.FilterAsync(query, ct);
        if (format == "xlsx" && await filtered.Take(MaxXlsxRows + 1).CountAsync(ct) > MaxXlsxRows)
            throw new DomainException("export.too_large", $"An Excel export holds at most {MaxXlsxRows} rows; narrow the filter or export CSV.");
        audit.Record(actor, "member.export", "member", "*", null, new { format, query.Q, query.Tag, query.MinSpend, query.MaxSpend, query.LastOrderBefore });
        await db.SaveChangesAsync(ct);
        return filtered;
    }

    public Task WriteCsvAsync(IQueryable<Member> members, bool unmasked, Stream output, CancellationToken ct) =>
        TableExport.WriteCsvAsync(output, Columns, Lines(members, unmasked), ct);

    public Task SendXlsxAsync(IQueryable<Member> members, bool unmasked, Stream response, CancellationToken ct) =>
        TableExport.SendXlsxAsync(response, "Members", Columns, Lines(members, unmasked), ct);

    private IAsyncEnumerable<object?[]> Lines(IQueryable<Member> members, bool unmasked)
    {
        var view = new PiiView(pii, unmasked);
        return Rows(members).AsAsyncEnumerable().Select(r => Cells(r, view));
    }

    private static IQueryable<Row> Rows(IQueryable<Member> members) => members.AsNoTracking()
        .OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.MemberNo)
        .Select(m => new Row(m.MemberNo, m.Name, m.PhoneCipher, m.EmailCipher, m.Gender, m.OrderCount, m.TotalSpendFen, m.LastOrderAt, m.RegisteredAt));

    private static object?[] Cells(Row r, PiiView view) =>
    [
        r.MemberNo, r.Name, view.Phone(r.PhoneCipher), view.Email(r.EmailCipher), r.Gender.ToString().ToLowerInvariant(), r.OrderCount,
        Money.ToYuan(r.TotalSpendFen), r.LastOrderAt?.ToString("O"), r.RegisteredAt.ToString("O"),
    ];
}
