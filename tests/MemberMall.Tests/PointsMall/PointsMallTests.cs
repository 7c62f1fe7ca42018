using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Points;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.PointsMall;

public class PointsMallTests
{
    private const string Phone = "13812345678";

    private static async Task<(MallApp App, HttpClient Admin, HttpClient Member, Guid MemberId, Guid Address)> StartAsync()
    {
        var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var (memberId, _) = await app.RegisterAsync(phone: Phone);
        var member = await app.SignInAsync(Phone);
        return (app, admin, member, memberId, await member.AddressAsync());
    }

    [Fact]
    public async Task An_exchange_takes_points_from_the_soonest_expiring_lot_and_units_from_the_mall_stock()
    {
        var (app, admin, member, memberId, address) = await StartAsync();
        await using var _ = app;
        var product = await admin.ProductAsync("真空保温杯", 89m, 50);
        var item = await admin.MallItemAsync(new { productId = product, points = 150, stock = 10 });
        var now = app.Clock.GetUtcNow();
        var later = await app.CreditLotAsync(memberId, 500, now.AddDays(200));
        var sooner = await app.CreditLotAsync(memberId, 500, now.AddDays(5));
        var before = await member.BalanceAsync();

        var exchange = await (await member.ExchangeAsync(item, 2, address)).ShouldBe(HttpStatusCode.Created);

        Assert.Equal("placed", exchange.Str("status"));
        Assert.Equal(300, exchange["points"]!.GetValue<long>());
        Assert.Equal("真空保温杯", exchange.Str("itemName"));
        Assert.StartsWith("PM", exchange.Str("exchangeNo"));
        Assert.Equal("世纪大道 100 号", exchange["address"]!.Str("detail"));
        Assert.Equal(before - 300, await member.BalanceAsync());
        Assert.Equal(8, await admin.MallStockAsync(item));
        var lots = await app.WithDb(db => db.PointsLots.AsNoTracking().Where(l => l.Id == sooner || l.Id == later).ToDictionaryAsync(l => l.Id, l => l.Remaining));
        Assert.Equal(200, lots[sooner]);
        Assert.Equal(500, lots[later]);

        var id = exchange.Str("id");
        var entry = await app.WithDb(db => db.PointsEntries.AsNoTracking().Include(e => e.Draws).SingleAsync(e => e.SourceType == "mall_exchange" && e.SourceId == id));
        Assert.Equal(("redeem", -300L), (entry.Rule, entry.AvailableChange));
        Assert.Equal(sooner, Assert.Single(entry.Draws).LotId);
        var outbox = await app.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == "points_mall.exchanged"));
        Assert.Equal(id, outbox.AggregateId);

        var mine = await member.Json("/api/me/points-mall/exchanges");
        Assert.Equal(1, mine["total"]!.GetValue<int>());
        Assert.Equal(id, mine["items"]![0]!.Str("id"));
        var shown = await app.Anonymous().Json($"/api/points-mall/items/{item}");
        Assert.Equal((8, 2), (shown["stock"]!.GetValue<int>(), shown["exchanged"]!.GetValue<int>()));
        await PointsFlowTests.AssertLedgerBalances(app, memberId);
        await app.AssertStockLedgerAsync(item);
    }

    [Theory]
    [InlineData("insufficient_points", HttpStatusCode.UnprocessableEntity, "points.insufficient")]
    [InlineData("out_of_stock", HttpStatusCode.UnprocessableEntity, "points_mall.out_of_stock")]
    [InlineData("over_the_limit", HttpStatusCode.UnprocessableEntity, "points_mall.limit_reached")]
    [InlineData("not_started", HttpStatusCode.UnprocessableEntity, "points_mall.not_available")]
    [InlineData("ended", HttpStatusCode.UnprocessableEntity, "points_mall.not_available")]
    [InlineData("delisted", HttpStatusCode.UnprocessableEntity, "points_mall.not_available")]
    [InlineData("zero_quantity", HttpStatusCode.BadRequest, null)]
    [InlineData("too_many", HttpStatusCode.BadRequest, null)]
    [InlineData("no_address", HttpStatusCode.BadRequest, "points_mall.address_required")]
    public async Task A_refused_exchange_changes_nothing(string @case, HttpStatusCode status, string? code)
    {
        var (app, admin, member, memberId, address) = await StartAsync();
        await using var _ = app;
        var now = app.Clock.GetUtcNow();
        await app.CreditLotAsync(memberId, 1000, now.AddDays(30));
        // One exchange already placed, so the limit case starts with one unit taken and the counters are not at zero.
        var item = await admin.MallItemAsync(new
        {
            name = "品牌帆布袋", points = @case == "insufficient_points" ? 600 : 100, stock = @case == "out_of_stock" ? 2 : 20,
            perMemberLimit = @case == "over_the_limit" ? 2 : 0,
        });
        await (await member.ExchangeAsync(item, 1, address)).ShouldBe(HttpStatusCode.Created);
        switch (@case)
        {
            case "not_started":
                (await admin.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { startsAt = now.AddDays(1) })).EnsureSuccessStatusCode();
                break;
            case "ended":
                (await admin.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { endsAt = now.AddDays(1) })).EnsureSuccessStatusCode();
                app.Clock.Advance(TimeSpan.FromDays(2));
                admin = await app.AdminAsync();
                member = await app.SignInAsync(Phone);
                break;
            case "delisted":
                (await admin.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { listed = false })).EnsureSuccessStatusCode();
                break;
        }
        var before = await app.SnapshotAsync(memberId, item);

        var quantity = @case switch { "zero_quantity" => 0, "too_many" => 100, _ => 2 };
        var response = await member.ExchangeAsync(item, quantity, @case == "no_address" ? null : address);

        if (code is null) await response.ShouldBe(status);
        else await response.ShouldFail(status, code);
        Assert.Equal(before, await app.SnapshotAsync(memberId, item));
        await PointsFlowTests.AssertLedgerBalances(app, memberId);
        await app.AssertStockLedgerAsync(item);
    }

    [Fact]
    public async Task A_repeated_exchange_with_the_same_idempotency_key_replays_the_first_answer_and_charges_once()
    {
        var (app, admin, member, memberId, address) = await StartAsync();
        await using var _ = app;
        await app.CreditLotAsync(memberId, 1000, app.Clock.GetUtcNow().AddDays(30));
        var item = await admin.MallItemAsync(new { name = "定制雨伞", points = 250, stock = 10 });
        var before = await member.BalanceAsync();

        var first = await member.ExchangeAsync(item, 1, address, key: "mall-key-1");
        var firstBody = await first.ShouldBe(HttpStatusCode.Created);
        var second = await member.ExchangeAsync(item, 1, address, key: "mall-key-1");
        var secondBody = await second.ShouldBe(HttpStatusCode.Created);

        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(firstBody.Str("id"), secondBody.Str("id"));
        Assert.Equal(before - 250, await member.BalanceAsync());
        Assert.Equal(9, await admin.MallStockAsync(item));
        Assert.Equal(1, await app.WithDb(db => db.MallExchanges.CountAsync()));
        await (await member.ExchangeAsync(item, 2, address, key: "mall-key-1")).ShouldFail(HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
    }

    [Fact]
    public async Task Staff_cancelling_an_exchange_returns_the_points_to_the_same_lots_and_the_units_to_stock()
    {
        var (app, admin, member, memberId, address) = await StartAsync();
        await using var _ = app;
        var now = app.Clock.GetUtcNow();
        var sooner = await app.CreditLotAsync(memberId, 200, now.AddDays(3));
        var later = await app.CreditLotAsync(memberId, 500, now.AddDays(60));
        var item = await admin.MallItemAsync(new { name = "蓝牙音箱", points = 300, stock = 3, perMemberLimit = 1 });
        var before = await app.SnapshotAsync(memberId, item);
        var exchange = await (await member.ExchangeAsync(item, 1, address)).ShouldBe(HttpStatusCode.Created);
        var lots = await app.WithDb(db => db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).ToDictionaryAsync(l => l.Id, l => l.Remaining));
        Assert.Equal((0, 400), (lots[sooner], lots[later]));

        var service = await app.StaffAsync("service");
        var cancelled = await (await service.PostAsJsonAsync($"/api/admin/points-mall/exchanges/{exchange.Str("id")}/cancel", new { reason = "缺货" }))
            .ShouldBe(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.Equal("缺货", cancelled.Str("cancelReason"));
        lots = await app.WithDb(db => db.PointsLots.AsNoTracking().Where(l => l.MemberId == memberId).ToDictionaryAsync(l => l.Id, l => l.Remaining));
        Assert.Equal((200, 500), (lots[sooner], lots[later]));
        var after = await app.SnapshotAsync(memberId, item);
        Assert.Equal((before.Balance, before.Stock, before.Exchanged, before.Lots), (after.Balance, after.Stock, after.Exchanged, after.Lots));
        var restore = await app.WithDb(db => db.PointsEntries.AsNoTracking().SingleAsync(e => e.SourceType == "mall_exchange" && e.Rule == "redeem-cancel"));
        Assert.Equal(300, restore.AvailableChange);
        Assert.Equal(1, await app.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == "points_mall.exchange.cancel" && a.EntityId == exchange.Str("id"))));
        Assert.Equal("cancelled", (await member.Json("/api/me/points-mall/exchanges"))["items"]![0]!.Str("status"));

        await (await service.PostAsJsonAsync($"/api/admin/points-mall/exchanges/{exchange.Str("id")}/cancel", new { reason = "again" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "points_mall.invalid_transition");
        Assert.Equal(before.Balance, await member.BalanceAsync());
        // The returned unit no longer counts against the member's limit of one.
        await (await member.ExchangeAsync(item, 1, address)).ShouldBe(HttpStatusCode.Created);
        await PointsFlowTests.AssertLedgerBalances(app, memberId);
        await app.AssertStockLedgerAsync(item);
    }

    [Fact]
    public async Task Staff_create_and_edit_items_with_an_audit_row_and_the_stock_never_goes_below_zero()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var item = await admin.MallItemAsync(new { name = "会员定制笔记本", points = 80, stock = 5, listed = false });
        Assert.Equal(0, (await app.Anonymous().Json("/api/points-mall/items"))["total"]!.GetValue<int>());

        var edited = await (await admin.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { points = 120, stockChange = 7, listed = true, perMemberLimit = 3 }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal((120L, 12, 3, true), (edited["points"]!.GetValue<long>(), edited["stock"]!.GetValue<int>(), edited["perMemberLimit"]!.GetValue<int>(),
            edited["listed"]!.GetValue<bool>()));
        var shop = await app.Anonymous().Json("/api/points-mall/items?page=1&pageSize=10");
        Assert.Equal(1, shop["total"]!.GetValue<int>());
        Assert.Equal(10, shop["pageSize"]!.GetValue<int>());

        await (await admin.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { stockChange = -13 }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "points_mall.stock_invalid");
        Assert.Equal(12, await admin.MallStockAsync(item));
        await (await admin.PostAsJsonAsync("/api/admin/points-mall/items", new { points = 10 })).ShouldFail(HttpStatusCode.BadRequest, "points_mall.name_required");
        await (await admin.PostAsJsonAsync("/api/admin/points-mall/items", new { name = "x", points = 0 })).ShouldBe(HttpStatusCode.BadRequest);
        var audit = await app.WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == item.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
        Assert.Equal(["points_mall.item.create", "points_mall.item.update"], audit);
        await app.AssertStockLedgerAsync(item);
    }

    [Fact]
    public async Task Staff_routes_refuse_anonymous_callers_and_members_and_staff_without_the_permission()
    {
        var (app, admin, member, _, _) = await StartAsync();
        await using var __ = app;
        var item = await admin.MallItemAsync(new { name = "电子贺卡", points = 10, stock = 5, physical = false });
        var anonymous = app.Anonymous();
        var analyst = await app.StaffAsync("analyst");
        var body = new { name = "x", points = 10 };

        foreach (var client in new[] { (anonymous, HttpStatusCode.Unauthorized), (member, HttpStatusCode.Forbidden) })
        {
            Assert.Equal(client.Item2, (await client.Item1.GetAsync("/api/admin/points-mall/items")).StatusCode);
            Assert.Equal(client.Item2, (await client.Item1.PostAsJsonAsync("/api/admin/points-mall/items", body)).StatusCode);
            Assert.Equal(client.Item2, (await client.Item1.PatchAsJsonAsync($"/api/admin/points-mall/items/{item}", new { points = 1 })).StatusCode);
            Assert.Equal(client.Item2, (await client.Item1.GetAsync("/api/admin/points-mall/exchanges")).StatusCode);
            Assert.Equal(client.Item2, (await client.Item1.PostAsJsonAsync($"/api/admin/points-mall/exchanges/{Guid.NewGuid()}/cancel", new { })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/admin/points-mall/items", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"/api/admin/points-mall/exchanges/{Guid.NewGuid()}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.ExchangeAsync(item, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/points-mall/exchanges")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.ExchangeAsync(item, 1)).StatusCode);
        Assert.Equal(5, await admin.MallStockAsync(item));
        Assert.Equal(0, await app.WithDb(db => db.MallExchanges.CountAsync()));
    }
}
