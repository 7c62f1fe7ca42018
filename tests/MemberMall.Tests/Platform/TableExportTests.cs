using System.IO.Compression;
using MemberMall.Common;
using MiniExcelLibs;
using Xunit.Abstractions;
using static MemberMall.Common.TableExport;

namespace MemberMall.Tests.Platform;

/// <summary>The CSV and Excel writer behind the member and order exports, called directly with generated rows.</summary>
public class TableExportTests(ITestOutputHelper log)
{
    private static readonly Column[] Columns =
        [new("订单号 OrderNo"), new("会员ID MemberId"), new("下单时间 CreatedAt"), new("商品 Product"), new("单价 UnitPrice", Yuan: true),
         new("数量 Quantity"), new("订单金额 Total", Yuan: true), new("物流 Logistics")];

    private static object?[] Line(int i) =>
        [$"O{i:D12}", Guid.CreateVersion7().ToString(), new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("O"),
         $"坚果礼盒 {i % 97}", 99.5m, i % 5 + 1, (i % 5 + 1) * 99.5m, i % 3 == 0 ? null : $"顺丰 SF{i}"];

    [Fact]
    public async Task A_workbook_keeps_the_sheet_name_and_headings_and_stores_amounts_as_numbers_with_two_decimals()
    {
        using var output = new MemoryStream();

        await WriteXlsxAsync(output, "Orders", Columns, Lines(2), CancellationToken.None);

        output.Position = 0;
        Assert.Equal(["Orders"], MiniExcel.GetSheetNames(output));
        output.Position = 0;
        var sheet = MiniExcel.Query(output, sheetName: "Orders").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, sheet.Count);
        Assert.Equal(Columns.Select(c => c.Title), sheet[0].Values.Select(v => (string?)v));
        Assert.Equal("O000000000000", sheet[1]["A"]);
        Assert.Equal("2026-03-01T08:00:00.0000000+00:00", sheet[1]["C"]);
        Assert.Equal(99.5, Convert.ToDouble(sheet[1]["E"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2.0, Convert.ToDouble(sheet[2]["F"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(sheet[1]["H"]);
        Assert.Equal("顺丰 SF1", sheet[2]["H"]);
        output.Position = 0;
        using var zip = new ZipArchive(output);
        using var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());
        Assert.Contains("formatCode=\"0.00\"", await styles.ReadToEndAsync());
    }

    [Fact]
    public async Task Csv_shows_amounts_with_two_decimals_and_missing_values_as_empty_fields()
    {
        using var output = new MemoryStream();

        await WriteCsvAsync(output, Columns, Lines(2), CancellationToken.None);

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Trim().Split('\n');
        Assert.Equal(string.Join(',', Columns.Select(c => c.Title)), lines[0].TrimEnd('\r'));
        Assert.EndsWith(",99.50,1,99.50,", lines[1].TrimEnd('\r'));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("=1+2")]
    [InlineData("+86 138")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public async Task Csv_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string text)
    {
        using var output = new MemoryStream();
        Column[] columns = [new("姓名 Name"), new("金额 Amount", Yuan: true)];

        await WriteCsvAsync(output, columns, Rows([text, -5m], ["王小明", 3m]), CancellationToken.None);

        var rows = ParseCsv(System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF'));
        Assert.Equal(["'" + text, "-5.00"], rows[1]);
        Assert.Equal(["王小明", "3.00"], rows[2]);
    }

    /// <summary>RFC 4180: fields split by commas, records by CRLF; a quoted field may hold commas, quotes ("") and line breaks.</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n' || c == '\n')
            {
                if (c == '\r') i++;
                fields.Add(field.ToString()); field.Clear();
                records.Add([.. fields]); fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }

    private static async IAsyncEnumerable<object?[]> Rows(params object?[][] rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Writing_100000_rows_to_a_workbook_pulls_them_as_it_writes_and_keeps_the_heap_small()
    {
        const int count = 100_000;
        var output = new CountingStream();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, writtenBeforeLastRow = -1;
        var pulled = 0;

        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < count; i++)
            {
                // The live heap, sampled: rows held back anywhere (a list, a buffered sheet) show up here.
                if (i % 5_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                if (i % 1_000 == 0) await Task.Yield();
                if (i == count - 1) writtenBeforeLastRow = output.Written;
                pulled++;
                yield return Line(i);
            }
        }

        await WriteXlsxAsync(output, "Orders", Columns, Rows(), CancellationToken.None);

        log.WriteLine($"{output.Written:N0} bytes, {writtenBeforeLastRow:N0} before the last row; live heap grew by at most {peak:N0} bytes");
        Assert.Equal(count, pulled);
        Assert.True(writtenBeforeLastRow > output.Written / 2,
            $"{writtenBeforeLastRow:N0} of {output.Written:N0} bytes were written before the last row was read: the rows were not streamed.");
        Assert.True(peak < 32 * 1024 * 1024, $"The live heap grew by {peak:N0} bytes while writing {count:N0} rows.");
    }

    private static async IAsyncEnumerable<object?[]> Lines(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return Line(i);
        }
    }

    /// <summary>A write-only stream that keeps nothing but the number of bytes written, like a response body.</summary>
    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Written += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Written += buffer.Length;
    }
}
