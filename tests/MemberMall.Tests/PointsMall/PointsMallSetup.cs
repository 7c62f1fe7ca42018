using System.Net;
using System.Net.Http.Json;
using MemberMall.Common;
using MemberMall.Features.Points;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.PointsMall;

/// <summary>Builders for the points mall tests: items through the admin API, points lots with chosen expiries through the ledger.</summary>
internal static class PointsMallSetup
{
    public static async Task<Guid> MallItemAsync(this HttpClient staff, object body) =>
        Guid.Parse((await (await staff.PostAsJsonAsync("/api/admin/points-mall/items", body)).ShouldBe(HttpStatusCode.Created)).Str("id"));

    /// <summary>Credits available points into a new lot that expires at <paramref name="expiresAt"/>.</summary>
    public static async Task<Guid> CreditLotAsync(this MallApp app, Guid memberId, long points, DateTimeOffset expiresAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var credited = await ledger.CreditAsync(memberId, points, pending: false, expiresAt, new PointsSource("test", Guid.NewGuid().ToString(), "grant"), null,
            Actor.System, CancellationToken.None);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return credited!.Value.Lot.Id;
    }

    public static async Task<long> BalanceAsync(this HttpClient member) => (await member.Json("/api/me/points"))["available"]!.GetValue<long>();

    public static async Task<int> MallStockAsync(this HttpClient staff, Guid itemId) =>
        (await staff.Json($"/api/admin/points-mall/items/{itemId}"))["stock"]!.GetValue<int>();

    public static Task<HttpResponseMessage> ExchangeAsync(this HttpClient member, Guid itemId, int quantity, Guid? addressId = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/points-mall/exchanges") { Content = JsonContent.Create(new { itemId, quantity, addressId }) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return member.SendAsync(request);
    }

    /// <summary>Everything an exchange touches, so a refused one can be shown to have changed none of it.</summary>
    public sealed record Snapshot(long Balance, int Stock, int Exchanged, int Exchanges, int Entries, int Quota, int Outbox, int Movements, string Lots);

    public static async Task<Snapshot> SnapshotAsync(this MallApp app, Guid memberId, Guid itemId) => await app.WithDb(async db => new Snapshot(
        await db.PointsAccounts.Where(a => a.MemberId == memberId).Select(a => a.Available).SingleAsync(),
        await db.MallItems.Where(i => i.Id == itemId).Select(i => i.Stock).SingleAsync(),
        await db.MallItems.Where(i => i.Id == itemId).Select(i => i.Exchanged).SingleAsync(),
        await db.MallExchanges.CountAsync(e => e.MemberId == memberId),
        await db.PointsEntries.CountAsync(e => e.MemberId == memberId),
        await db.MallQuotas.Where(q => q.MemberId == memberId && q.ItemId == itemId).Select(q => q.Taken).SingleOrDefaultAsync(),
        await db.OutboxMessages.CountAsync(m => m.Type.StartsWith("points_mall.")),
        await db.MallStockMovements.CountAsync(m => m.ItemId == itemId),
        string.Join(",", await db.PointsLots.Where(l => l.MemberId == memberId).OrderBy(l => l.Id).Select(l => l.Remaining).ToListAsync())));

    /// <summary>The mall item's stock equals the sum of its movements, and its exchanged count the placed exchanges.</summary>
    public static async Task AssertStockLedgerAsync(this MallApp app, Guid itemId)
    {
        var (stock, exchanged, moved, placed) = await app.WithDb(async db => (
            await db.MallItems.Where(i => i.Id == itemId).Select(i => i.Stock).SingleAsync(),
            await db.MallItems.Where(i => i.Id == itemId).Select(i => i.Exchanged).SingleAsync(),
            (await db.MallStockMovements.Where(m => m.ItemId == itemId).Select(m => m.Change).ToListAsync()).Sum(),
            (await db.MallExchanges.Where(e => e.ItemId == itemId && e.Status == Features.PointsMall.MallExchangeStatus.Placed).Select(e => e.Quantity).ToListAsync()).Sum()));
        Assert.Equal(stock, moved);
        Assert.Equal(placed, exchanged);
    }
}
