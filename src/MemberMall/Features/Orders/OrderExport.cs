using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using MemberMall.Common;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Orders;

/// <summary>Exports consumption records, one row per order line. CSV streams; Excel stops at <see cref="MaxXlsxRows"/>.</summary>
public sealed class OrderExport
{
    public const int MaxXlsxRows = 100_000;

    private static readonly string[] Header =
        ["订单号 OrderNo", "会员ID MemberId", "状态 Status", "下单时间 CreatedAt", "支付时间 PaidAt", "支付方式 Payment", "商品 Product", "单价 UnitPrice",
         "数量 Quantity", "优惠 Discount", "运费 Freight", "订单金额 Total", "已退款 Refunded", "省 Province", "市 City", "物流 Logistics"];

    private sealed record Row(string OrderNo, Guid MemberId, OrderStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string PaymentMethod,
        string ProductName, long UnitPriceFen, int Quantity, long DiscountFen, long FreightFen, long TotalFen, long RefundedFen, string Province, string City,
        string? Carrier, string? TrackingNo);

    public static async Task WriteCsvAsync(IQueryable<Order> orders, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        await foreach (var r in Rows(orders).AsAsyncEnumerable().WithCancellation(ct)) await csv.WriteRecordAsync(Fields(r), ct);
        await csv.FlushAsync(ct);
    }

    public static async Task<byte[]> XlsxAsync(IQueryable<Order> orders, CancellationToken ct)
    {
        if (await orders.SelectMany(o => o.Items).Take(MaxXlsxRows + 1).CountAsync(ct) > MaxXlsxRows)
            throw new DomainException("export.too_large", $"An Excel export holds at most {MaxXlsxRows} rows; narrow the filter or export CSV.");
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("Orders");
        for (var c = 0; c < Header.Length; c++) sheet.Cell(1, c + 1).Value = Header[c];
        var row = 2;
        await foreach (var r in Rows(orders).AsAsyncEnumerable().WithCancellation(ct))
        {
            var fields = Fields(r);
            for (var c = 0; c < fields.Length; c++) sheet.Cell(row, c + 1).Value = fields[c];
            row++;
        }
        using var ms = new MemoryStream();
        book.SaveAs(ms);
        return ms.ToArray();
    }

    private static IQueryable<Row> Rows(IQueryable<Order> orders) =>
        from o in orders
        from i in o.Items
        orderby o.CreatedAt descending, o.Id, i.Id
        select new Row(o.OrderNo, o.MemberId, o.Status, o.CreatedAt, o.PaidAt, o.PaymentMethod, i.ProductName, i.UnitPriceFen, i.Quantity, i.DiscountFen,
            o.FreightFen, o.TotalFen, o.RefundedFen, o.Province, o.City, o.Carrier, o.TrackingNo);

    private static string[] Fields(Row r) =>
    [
        r.OrderNo, r.MemberId.ToString(), EnumText.Snake(r.Status), r.CreatedAt.ToString("O"), r.PaidAt?.ToString("O") ?? "", r.PaymentMethod, r.ProductName,
        Yuan(r.UnitPriceFen), r.Quantity.ToString(CultureInfo.InvariantCulture), Yuan(r.DiscountFen), Yuan(r.FreightFen), Yuan(r.TotalFen), Yuan(r.RefundedFen),
        r.Province, r.City, r.Carrier is null ? "" : $"{r.Carrier} {r.TrackingNo}",
    ];

    private static string Yuan(long fen) => Money.ToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);
}
