using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Members;

/// <summary>
/// Exports the filtered member list. CSV streams row by row, so it works for any size; an Excel workbook
/// is built in memory and is therefore limited to <see cref="MaxXlsxRows"/> rows.
/// </summary>
public sealed class MemberExport(MallDb db, MemberSearch search, PiiProtector pii, AuditLog audit)
{
    public const int MaxXlsxRows = 100_000;

    private static readonly string[] Header = ["会员号 MemberNo", "姓名 Name", "手机 Phone", "邮箱 Email", "性别 Gender", "订单数 Orders", "消费总额 TotalSpend", "最近下单 LastOrderAt", "注册时间 RegisteredAt"];

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

    public async Task WriteCsvAsync(IQueryable<Member> members, bool unmasked, Stream output, CancellationToken ct)
    {
        // A byte-order mark lets Excel open the UTF-8 file with its Chinese text intact.
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        var view = new PiiView(pii, unmasked);
        await foreach (var r in Rows(members).AsAsyncEnumerable().WithCancellation(ct))
            await csv.WriteRecordAsync(Fields(r, view), ct);
        await csv.FlushAsync(ct);
    }

    public async Task<byte[]> XlsxAsync(IQueryable<Member> members, bool unmasked, CancellationToken ct)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("Members");
        for (var c = 0; c < Header.Length; c++) sheet.Cell(1, c + 1).Value = Header[c];
        var view = new PiiView(pii, unmasked);
        var row = 2;
        await foreach (var r in Rows(members).AsAsyncEnumerable().WithCancellation(ct))
        {
            var fields = Fields(r, view);
            for (var c = 0; c < fields.Length; c++) sheet.Cell(row, c + 1).Value = fields[c];
            row++;
        }
        using var ms = new MemoryStream();
        book.SaveAs(ms);
        return ms.ToArray();
    }

    private static IQueryable<Row> Rows(IQueryable<Member> members) => members
        .OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.MemberNo)
        .Select(m => new Row(m.MemberNo, m.Name, m.PhoneCipher, m.EmailCipher, m.Gender, m.OrderCount, m.TotalSpendFen, m.LastOrderAt, m.RegisteredAt));

    private static string[] Fields(Row r, PiiView view) =>
    [
        r.MemberNo, r.Name ?? "", view.Phone(r.PhoneCipher) ?? "", view.Email(r.EmailCipher) ?? "", r.Gender.ToString().ToLowerInvariant(),
        r.OrderCount.ToString(CultureInfo.InvariantCulture), (r.TotalSpendFen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        r.LastOrderAt?.ToString("O") ?? "", r.RegisteredAt.ToString("O"),
    ];
}
