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
        b.HasOne<Member>().WithMany(m => m.CategorySpends).HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps the member's consumption statistics current as orders are paid and refunded: order count, first and
/// last order, total spend (net of refunds; the average is derived) and favourite category by spend.
/// </summary>
public sealed class ConsumptionStats(MallDb db)
{
    /// <summary>Counts a paid order; answers whether it is the member's first paid order.</summary>
    public async Task<bool> RecordPaidAsync(Order order, CancellationToken ct)
    {
        var member = await MemberAsync(order.MemberId, ct);
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

    private Task<Member> MemberAsync(Guid memberId, CancellationToken ct) => MemberWithSpends(db, memberId, ct);

    private static readonly Func<MallDb, Guid, CancellationToken, Task<Member>> MemberWithSpends = EF.CompileAsyncQuery(
        (MallDb db, Guid memberId, CancellationToken ct) => db.Members.Include(m => m.CategorySpends).Single(m => m.Id == memberId));

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
