using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace MemberMall.Common;

/// <summary>
/// Writes a table of rows (one <c>object?[]</c> per row, in header order) as CSV or as an Excel workbook, pulling the
/// rows one at a time so an export never holds its whole result in memory. Cells hold strings, whole numbers, or
/// <see cref="decimal"/> yuan amounts, which the workbook stores as numbers shown with two decimals.
/// </summary>
public static class TableExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A column's heading; <paramref name="Yuan"/> marks an amount the workbook shows with two decimals.</summary>
    public sealed record Column(string Title, bool Yuan = false);

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        // A byte-order mark lets Excel open the UTF-8 file with its Chinese text intact.
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(columns.Select(c => c.Title).ToArray(), ct);
        await foreach (var row in rows.WithCancellation(ct)) await csv.WriteRecordAsync(Array.ConvertAll(row, Text), ct);
        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// Sends a workbook to a response body. MiniExcel writes synchronously, which the response body refuses, so the
    /// workbook is written to a temporary file first and copied after; an export that fails half-way therefore
    /// answers with an error instead of a truncated file.
    /// </summary>
    public static async Task SendXlsxAsync(Stream response, string sheet, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"membermall-{Guid.CreateVersion7():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await WriteXlsxAsync(file, sheet, columns, rows, ct);
        file.Position = 0;
        await file.CopyToAsync(response, ct);
    }

    /// <summary>Writes a workbook with one sheet to <paramref name="output"/>, which must accept synchronous writes.</summary>
    public static Task WriteXlsxAsync(Stream output, string sheet, IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        var configuration = new OpenXmlConfiguration
        {
            // A plain sheet, as the exports have always been: no table style, filter, frozen row or width pass.
            TableStyles = TableStyles.None,
            AutoFilter = false,
            FreezeRowCount = 0,
            EnableAutoWidth = false,
            WriteEmptyStringAsNull = true,
            DynamicColumns = columns.Where(c => c.Yuan).Select(c => new DynamicExcelColumn(c.Title) { Format = "0.00" }).ToArray(),
        };
        return MiniExcel.SaveAsAsync(output, Records(columns, rows, ct), sheetName: sheet, excelType: ExcelType.XLSX, configuration: configuration,
            cancellationToken: ct);
    }

    /// <summary>
    /// A cell as CSV text: amounts with two decimals, numbers and everything else in the invariant culture. Text that a
    /// spreadsheet would read as a formula (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return) gets a leading apostrophe, so a member named <c>=HYPERLINK(…)</c> reaches staff as text, never as a live
    /// formula. Numbers are written as numbers, a negative amount included.
    /// </summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s,
        decimal yuan => yuan.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static async IAsyncEnumerable<IDictionary<string, object?>> Records(IReadOnlyList<Column> columns, IAsyncEnumerable<object?[]> rows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct))
        {
            var record = new Dictionary<string, object?>(columns.Count);
            for (var c = 0; c < columns.Count; c++) record[columns[c].Title] = row[c];
            yield return record;
        }
    }
}
