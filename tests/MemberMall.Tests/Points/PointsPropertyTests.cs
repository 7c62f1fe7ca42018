using CsCheck;
using MemberMall.Common;
using MemberMall.Features.Points;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Points;

/// <summary>
/// Random sequences of earn, redeem, expire, refund (restore and clawback) and adjust, run against the real
/// ledger and database; after every step the invariants must hold: the balances equal the sums of the entries
/// and of the lots, nothing is negative, no lot holds more than it was credited, and no lot expires twice.
/// </summary>
public class PointsPropertyTests
{
    private enum Op { Earn, EarnPending, Release, Redeem, Expire, Restore, Clawback, AdjustDown }

    [Fact]
    public async Task Random_ledger_histories_keep_every_invariant()
    {
        await using var app = await MallApp.StartAsync();
        var gen = Gen.Select(Gen.Enum<Op>(), Gen.Int[1, 400], Gen.Int[0, 40]).Array[1, 25];
        var sample = 0;

        await gen.SampleAsync(async ops =>
        {
            var (memberId, _) = await app.RegisterAsync(phone: $"1370000{Interlocked.Increment(ref sample):D4}");
            foreach (var (op, amount, days) in ops)
            {
                await StepAsync(app, memberId, op, amount, days);
                await PointsFlowTests.AssertLedgerBalances(app, memberId);
            }
            var expiries = await app.WithDb(db => db.PointsEntries.Where(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Expire)
                .GroupBy(e => e.SourceId).Select(g => g.Count()).ToListAsync());
            Assert.All(expiries, c => Assert.Equal(1, c));
        }, iter: 60, threads: 1);
    }

    private static async Task StepAsync(MallApp app, Guid memberId, Op op, int amount, int days)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        var now = app.Clock.GetUtcNow();
        var source = new PointsSource("test", Guid.NewGuid().ToString(), op.ToString());
        await using var tx = await db.Database.BeginTransactionAsync();
        try
        {
            switch (op)
            {
                case Op.Earn:
                    await ledger.CreditAsync(memberId, amount, pending: false, now.AddDays(days + 1), source, null, Actor.System, default);
                    break;
                case Op.EarnPending:
                    await ledger.CreditAsync(memberId, amount, pending: true, null, source, null, Actor.System, default);
                    break;
                case Op.Release:
                    var pending = await db.PointsLots.Where(l => l.MemberId == memberId && l.Status == LotStatus.Pending).OrderBy(l => l.Id).FirstOrDefaultAsync();
                    if (pending is not null) await ledger.ReleaseAsync(pending, now.AddDays(days + 1), Actor.System, default);
                    break;
                case Op.Redeem:
                case Op.AdjustDown:
                    await ledger.DebitAsync(memberId, amount, op == Op.Redeem ? PointsEntryKind.Redeem : PointsEntryKind.Adjust, source, null, Actor.System, default);
                    break;
                case Op.Expire:
                    app.Clock.Advance(TimeSpan.FromDays(days));
                    foreach (var lot in await db.PointsLots.Where(l => l.MemberId == memberId && l.Status == LotStatus.Available && l.ExpiresAt <= app.Clock.GetUtcNow()).ToListAsync())
                        await ledger.ExpireAsync(lot, default);
                    break;
                case Op.Restore:
                    var debit = await db.PointsEntries.Where(e => e.MemberId == memberId && e.Kind == PointsEntryKind.Redeem).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).FirstOrDefaultAsync();
                    if (debit is not null) await ledger.RestoreAsync(debit, amount, source, null, Actor.System, default);
                    break;
                case Op.Clawback:
                    var target = await db.PointsLots.Where(l => l.MemberId == memberId && l.Remaining > 0 && l.Status != LotStatus.Expired).OrderBy(l => l.Id).FirstOrDefaultAsync();
                    if (target is not null) await ledger.ClawbackAsync(target, amount, source, null, Actor.System, default);
                    break;
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DomainException e) when (e.Code == "points.insufficient")
        {
            // Refused spending changes nothing: the transaction rolls back.
        }
    }
}
