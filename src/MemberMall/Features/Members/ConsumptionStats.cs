using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Members;

/// <summary>What a member spent per category, kept to name their favourite one.</summary>
public class MemberCategorySpend
{
    public Guid MemberId { get; init; }
    public Guid CategoryId { get; init; }
    public long SpendFen { get; set; }
}

public class MemberCategorySpendConfig : IEntityTypeConfiguration<MemberCategorySpend>
{
    public void Configure(EntityTypeBuilder<MemberCategorySpend> b)
    {
        b.HasKey(s => new { s.MemberId, s.CategoryId });
        // Written as it was read: a spend another payment or refund changed since is a stale read.
        b.Property(s => s.SpendFen).IsConcurrencyToken();
        b.HasOne<Member>().WithMany(m => m.CategorySpends).HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps the member's consumption statistics current as orders are paid and refunded: order count, first and
/// last order, total spend (net of refunds; the average is derived) and favourite category by spend.
/// </summary>
/// <param name="Spends">
/// Tracked, so they also land in the member's <see cref="Member.CategorySpends"/>: all of them, or for a payment only
/// those of the order's categories and of the favourite one (a payment only raises spends, so the new favourite is
/// the old one or a category of the order).
/// </param>
/// <param name="Points">The member's points account, tracked, when the caller read it too (see <see cref="Points.PointsLedger"/>).</param>
public sealed record MemberRead(Member Member, List<MemberCategorySpend> Spends, Guid? TierId, Points.PointsAccount? Points);

public sealed class ConsumptionStats(MallDb db, Tiers.TierService tiers)
{
    /// <summary>
    /// Counts a paid order; answers whether it is the member's first paid order. <paramref name="read"/> is the
    /// member, their spends (tracked) and tier id, when the caller read them with its own rows.
    /// </summary>
    public async Task<bool> RecordPaidAsync(Order order, CancellationToken ct, MemberRead? read = null)
    {
        var member = read is null ? await MemberAsync(order.MemberId, ct) : Use(read);
        var first = member.FirstOrderAt is null;
        member.RecordPurchase(order.TotalFen, order.PaidAt ?? order.CreatedAt);
        AddCategorySpend(member, order.Items.Select(i => (i.CategoryId, i.PayableFen)));
        return first;
    }

    public async Task RecordRefundAsync(Order order, IEnumerable<(OrderItem Item, long AmountFen)> lines, long totalFen, CancellationToken ct)
    {
        var member = await MemberAsync(order.MemberId, ct);
        member.RecordRefund(totalFen);
        AddCategorySpend(member, lines.Select(l => (l.Item.CategoryId, -l.AmountFen)));
    }

    /// <summary>
    /// The member with their spend per category and their tier, in one read: the points and the tier check that
    /// follow a payment take the tier from here.
    /// </summary>
    private async Task<Member> MemberAsync(Guid memberId, CancellationToken ct) => Use(await MemberWithSpends(db, memberId, ct));

    private Member Use(MemberRead read)
    {
        tiers.Read(read.Member.Id, read.TierId);
        return read.Member;
    }

    private static readonly Func<MallDb, Guid, CancellationToken, Task<MemberRead>> MemberWithSpends = EF.CompileAsyncQuery(
        (MallDb db, Guid memberId, CancellationToken ct) => db.Members.Where(m => m.Id == memberId)
            .Select(m => new MemberRead(m, m.CategorySpends.ToList(), db.MemberTiers.Where(t => t.MemberId == m.Id).Select(t => (Guid?)t.TierId).FirstOrDefault(), null))
            .Single());

    /// <summary>
    /// The member's statistics as shown to them and to staff, with the favourite category's name (none before a
    /// first purchase, or once every spend is refunded).
    /// </summary>
    public static async Task<MemberStats> ViewAsync(MallDb db, Member m, CancellationToken ct)
    {
        var favourite = m.FavouriteCategoryId is { } id
            ? await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(c => new CategoryRef(c.Id, c.Name)).SingleOrDefaultAsync(ct)
            : null;
        var average = m.OrderCount == 0 ? 0 : Math.Round(m.TotalSpendFen / 100m / m.OrderCount, 2, MidpointRounding.AwayFromZero);
        return new MemberStats(m.OrderCount, m.TotalSpendFen / 100m, average, m.FirstOrderAt, m.LastOrderAt, favourite);
    }

    /// <summary>
    /// Adds the changes to the spends and names the favourite among the loaded ones: <see cref="Member.CategorySpends"/>
    /// holds every spend that changes, and when it is partial (see <see cref="MemberRead.Spends"/>) the changes only raise spends.
    /// </summary>
    private void AddCategorySpend(Member member, IEnumerable<(Guid? CategoryId, long Fen)> changes)
    {
        var rows = member.CategorySpends;
        foreach (var (categoryId, fen) in changes)
        {
            if (categoryId is not { } id || fen == 0) continue;
            var row = rows.SingleOrDefault(r => r.CategoryId == id);
            if (row is null)
            {
                rows.Add(row = new MemberCategorySpend { MemberId = member.Id, CategoryId = id });
                db.MemberCategorySpends.Add(row);
            }
            row.SpendFen = Math.Max(0, row.SpendFen + fen);
        }
        member.SetFavouriteCategory(rows.Where(r => r.SpendFen > 0).OrderByDescending(r => r.SpendFen).ThenBy(r => r.CategoryId).FirstOrDefault()?.CategoryId);
    }
}
