using System.Globalization;
using MemberMall.Components.Shared;
using MemberMall.Features.Orders;
using MemberMall.Features.Points;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace MemberMall.Tests.Web;

/// <summary>What the shop writes into order notes and reasons reads in the reader's language; what people typed stays as typed.</summary>
public class OrderNotesTests
{
    [Fact]
    public void Every_note_code_has_words_in_chinese_and_english_and_every_note_text_has_a_code()
    {
        Assert.True(OrderNotes.Codes.Count >= 16);
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = SourceTree.ResourceKeys(file).Where(k => k.StartsWith("Note.", StringComparison.Ordinal)).ToHashSet();
            var codes = OrderNotes.Codes.Concat(PointsNotes.Codes).Select(c => "Note." + c).ToList();
            Assert.Equal(codes.Count, codes.Distinct().Count());
            Assert.Empty(codes.Except(keys));
            Assert.Empty(keys.Except(codes));
        }
    }

    [Fact]
    public void Notes_read_in_the_readers_language_and_typed_reasons_stay_as_typed()
    {
        // The app's localization as it registers it, without the web host and database it does not need here.
        using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("2 件，合计 ¥398.00", ShopText.Note(l, OrderNotes.Created(2, 39_800)));
            Assert.Equal("在线支付 P123", ShopText.Note(l, OrderNotes.Payment("sandbox", "P123")));
            Assert.Equal("货到付款", ShopText.Note(l, OrderNotes.Payment("cod")));
            Assert.Equal("¥199.00（售后 AS1）", ShopText.Note(l, OrderNotes.Refund(19_900, OrderNotes.AfterSales("AS1"))));
            Assert.Equal("¥5.50（订单关闭后到账）", ShopText.Note(l, OrderNotes.Refund(550, OrderNotes.PaidAfterClose)));
            Assert.Equal("AS1：买多了|退一副: 多余", ShopText.Note(l, OrderNotes.AfterSalesRequested("AS1", "买多了|退一副: 多余")));
            Assert.Equal("超时未支付，自动取消", ShopText.Note(l, OrderNotes.PaymentDeadlinePassed));
            Assert.Equal("订单金额 ≥ ¥5000", ShopText.Note(l, OrderNotes.ReviewTotalOver(500_000)));
            Assert.Equal("首单奖励", ShopText.Note(l, PointsNotes.FirstOrderBonus));
            Assert.Equal("连续签到第 3 天", ShopText.Note(l, PointsNotes.CheckInDay(3)));
            Assert.Equal("积分商城兑换 PM1 已取消", ShopText.Note(l, PointsNotes.PointsMallCancelled("PM1")));
            // Typed by people: kept, even when it looks a little like a code.
            Assert.Equal("不想要了", ShopText.Note(l, "不想要了"));
            Assert.Equal("refund: too slow", ShopText.Note(l, "refund: too slow"));
            Assert.Equal("refund", ShopText.Note(l, "refund"));
            Assert.Equal("¥199.00（地址填错了）", ShopText.Note(l, OrderNotes.Refund(19_900, "地址填错了")));

            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("2 items, total ¥398.00", ShopText.Note(l, OrderNotes.Created(2, 39_800)));
            Assert.Equal("Referral reward, order 2612010000001", ShopText.Note(l, PointsNotes.ReferralOrder("2612010000001")));
            Assert.Equal("¥199.00 (after-sales AS1)", ShopText.Note(l, OrderNotes.Refund(19_900, OrderNotes.AfterSales("AS1"))));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
