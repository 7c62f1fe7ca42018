using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;
using MiniExcelLibs;

namespace MemberMall.Tests.Members;

public class MemberExportTests
{
    [Fact]
    public async Task Csv_export_follows_the_filter_masks_by_role_and_is_audited()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", name: "张伟");
        await app.RegisterAsync(phone: "13812345679", name: "李娜");
        var analyst = await app.StaffAsync("analyst");

        var response = await analyst.GetAsync("/api/admin/members/export?format=csv&q=" + Uri.EscapeDataString("张"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("张伟", lines[1]);
        Assert.Contains("138****5678", lines[1]);
        Assert.DoesNotContain("13812345678", text);

        var admin = await app.AdminAsync();
        var audit = (await admin.GetFromJsonAsync<JsonNode>("/api/admin/audit?action=member.export"))!;
        Assert.Equal("analyst", Assert.Single(audit["items"]!.AsArray())!.Str("actorRole"));
    }

    [Fact]
    public async Task Excel_export_opens_as_a_workbook_with_one_row_per_member()
    {
        await using var app = await MallApp.StartAsync();
        await app.RegisterAsync(phone: "13812345678", name: "张伟");
        await app.RegisterAsync(email: "li.na@example.com", name: "李娜");
        var admin = await app.AdminAsync();

        var bytes = await admin.GetByteArrayAsync("/api/admin/members/export?format=xlsx");

        using var book = new MemoryStream(bytes);
        var sheet = MiniExcel.Query(book, sheetName: "Members").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, sheet.Count);
        var names = new[] { Cell(sheet, 2, "B"), Cell(sheet, 3, "B") }.Order();
        Assert.Equal(["张伟", "李娜"], names);
        Assert.Contains("13812345678", new[] { Cell(sheet, 2, "C"), Cell(sheet, 3, "C") });
    }

    [Fact]
    public async Task An_unknown_export_format_is_400()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await (await admin.GetAsync("/api/admin/members/export?format=pdf")).ShouldFail(HttpStatusCode.BadRequest, "export.format_invalid");
    }

    /// <summary>A cell's text by its row number (from 1) and column letter, as a spreadsheet names it.</summary>
    private static string Cell(List<IDictionary<string, object?>> sheet, int row, string column) =>
        Convert.ToString(sheet[row - 1][column], System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
