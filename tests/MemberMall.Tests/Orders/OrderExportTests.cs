using System.Globalization;
using MemberMall.Tests.Support;
using MiniExcelLibs;

namespace MemberMall.Tests.Orders;

public class OrderExportTests
{
    [Fact]
    public async Task Excel_export_has_one_row_per_order_line_with_amounts_as_numbers()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("坚果礼盒", 99m, 10);
        var alice = await app.MemberAsync("13812345678");
        var order = await app.PaidOrderAsync(alice, await alice.AddressAsync(), (product, 2));

        var response = await admin.GetAsync("/api/admin/orders/export?format=xlsx");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var book = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcel.Query(book, sheetName: "Orders").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, sheet.Count);
        Assert.Equal("订单号 OrderNo", sheet[0]["A"]);
        Assert.Equal("单价 UnitPrice", sheet[0]["H"]);
        Assert.Equal(order.Str("orderNo"), sheet[1]["A"]);
        Assert.Equal("坚果礼盒", sheet[1]["G"]);
        Assert.Equal(99.0, Convert.ToDouble(sheet[1]["H"], CultureInfo.InvariantCulture));
        Assert.Equal(2.0, Convert.ToDouble(sheet[1]["I"], CultureInfo.InvariantCulture));
    }
}
