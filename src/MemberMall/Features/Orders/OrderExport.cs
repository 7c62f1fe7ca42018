using MemberMall.Common;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Common.TableExport;

namespace MemberMall.Features.Orders;

/// <summary>Exports consumption records, one row per order line, read and written one row at a time.</summary>
public sealed class OrderExport
{
    /// <summary>The largest Excel export; a larger selection is exported as CSV.</summary>
    public const int MaxXlsxRows = 100_000;

    private static readonly Column[] Columns =
    [
        new("订单号 OrderNo"), new("会员ID MemberId"), new("状态 Status"), new("下单时间 CreatedAt"), new("支付时间 PaidAt"), new("支付方式 Payment"),
        new("商品 Product"), new("单价 UnitPrice", Yuan: true), new("数量 Quantity"), new("优惠 Discount", Yuan: true), new("运费 Freight", Yuan: true),
        new("订单金额 Total", Yuan: true), new("已退款 Refunded", Yuan: true), new("省 Province"), new("市 City"), new("物流 Logistics"),
    ];

    private sealed record Row(string OrderNo, Guid MemberId, OrderStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string PaymentMethod,
        string ProductName, long UnitPriceFen, int Quantity, long DiscountFen, long FreightFen, long TotalFen, long RefundedFen, string Province, string City,
        string? Carrier, string? TrackingNo);

    public static Task WriteCsvAsync(IQueryable<Order> orders, Stream output, CancellationToken ct) =>
        TableExport.WriteCsvAsync(output, Columns, Lines(orders), ct);

    /// <summary>Throws <c>export.too_large</c> before anything is written when the selection has more than <see cref="MaxXlsxRows"/> lines.</summary>
    public static async Task EnsureFitsXlsxAsync(IQueryable<Order> orders, CancellationToken ct)
    {
        if (await orders.SelectMany(o => o.Items).Take(MaxXlsxRows + 1).CountAsync(ct) > MaxXlsxRows)
            throw new DomainException("export.too_large", $"An Excel export holds at most {MaxXlsxRows} rows; narrow the filter or export CSV.");
    }

    public static Task SendXlsxAsync(IQueryable<Order> orders, Stream response, CancellationToken ct) =>
        TableExport.SendXlsxAsync(response, "Orders", Columns, Lines(orders), ct);

    private static IAsyncEnumerable<object?[]> Lines(IQueryable<Order> orders) => Rows(orders).AsAsyncEnumerable().Select(Cells);

    private static IQueryable<Row> Rows(IQueryable<Order> orders) =>
        from o in orders.AsNoTracking()
        from i in o.Items
        orderby o.CreatedAt descending, o.Id, i.Id
        select new Row(o.OrderNo, o.MemberId, o.Status, o.CreatedAt, o.PaidAt, o.PaymentMethod, i.ProductName, i.UnitPriceFen, i.Quantity, i.DiscountFen,
            o.FreightFen, o.TotalFen, o.RefundedFen, o.Province, o.City, o.Carrier, o.TrackingNo);

    private static object?[] Cells(Row r) =>
    [
        r.OrderNo, r.MemberId.ToString(), EnumText.Snake(r.Status), r.CreatedAt.ToString("O"), r.PaidAt?.ToString("O"), r.PaymentMethod, r.ProductName,
        Money.ToYuan(r.UnitPriceFen), r.Quantity, Money.ToYuan(r.DiscountFen), Money.ToYuan(r.FreightFen), Money.ToYuan(r.TotalFen), Money.ToYuan(r.RefundedFen),
        r.Province, r.City, r.Carrier is null ? null : $"{r.Carrier} {r.TrackingNo}",
    ];
}
