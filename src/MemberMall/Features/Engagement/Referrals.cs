using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Orders;
using MemberMall.Features.Members;
using MemberMall.Features.Points;
using MemberMall.Features.Risk;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Engagement;

public sealed record Invitee(string Name, DateTimeOffset RegisteredAt, bool Rewarded);

public sealed record MyReferrals(string Code, IReadOnlyList<Invitee> Invitees, long PointsEarned);

/// <summary>
/// Referral rewards: when a referred member's first order completes, both sides earn points (pending through
/// the return window like order points). Each reward has its own ledger key, so it is paid once. A first order
/// shipped to the referrer's own phone number earns nothing and raises a risk flag (registration already refuses
/// the referrer's own device).
/// </summary>
public sealed class Referrals(MallDb db, PointsLedger ledger, PointsSettingsService points, EngagementSettingsService engagement, PiiProtector pii, TimeProvider clock)
{
    public async Task OnOrderCompletedAsync(Order order, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == order.MemberId).Select(m => new { m.Id, m.ReferredByCode }).SingleAsync(ct);
        if (member.ReferredByCode is null) return;
        if (await db.Orders.AnyAsync(o => o.MemberId == member.Id && o.Id != order.Id && o.Status == OrderStatus.Completed, ct)) return;
        var referrer = await db.Members.AsNoTracking().Where(m => m.ReferralCode == member.ReferredByCode)
            .Select(m => new { m.Id, m.MemberNo, m.PhoneHash }).SingleOrDefaultAsync(ct);
        if (referrer is null) return;
        if (ShipsToReferrer(order, referrer.PhoneHash))
        {
            // The "friend" sends the first order to the referrer's own phone: one person behind both accounts. No reward.
            var detail = $"First order {order.OrderNo} of a referred member ships to the phone of referrer {referrer.MemberNo}; no referral reward.";
            if (!await db.RiskFlags.AnyAsync(f => f.Kind == "referral.self" && f.MemberId == member.Id && f.Detail == detail, ct))
                db.RiskFlags.Add(new RiskFlag { Kind = "referral.self", MemberId = member.Id, Detail = detail, CreatedAt = clock.GetUtcNow() });
            return;
        }
        var rules = await engagement.GetAsync(ct);
        var releaseAt = clock.GetUtcNow().AddDays((await points.GetAsync(ct)).ReturnWindowDays);
        foreach (var (who, reward, rule) in new[] { (member.Id, rules.RefereePoints, "referee"), (referrer.Id, rules.ReferrerPoints, "referrer") })
        {
            var credited = await ledger.CreditAsync(who, reward, pending: true, null, new PointsSource("referral", member.Id.ToString(), rule),
                PointsNotes.ReferralOrder(order.OrderNo), Actor.System, ct);
            credited?.Lot.ScheduleRelease(releaseAt);
        }
    }

    private bool ShipsToReferrer(Order order, string? referrerPhoneHash) =>
        referrerPhoneHash is not null && !string.IsNullOrEmpty(order.RecipientPhoneCipher)
        && ContactNormalizer.NormalizePhone(pii.Decrypt(order.RecipientPhoneCipher)) is { } phone && pii.Hash(phone) == referrerPhoneHash;

    public async Task<MyReferrals> MineAsync(Guid memberId, CancellationToken ct)
    {
        var code = await db.Members.Where(m => m.Id == memberId).Select(m => m.ReferralCode).SingleAsync(ct);
        var invitees = await db.Members.AsNoTracking().Where(m => m.ReferredByCode == code).OrderByDescending(m => m.RegisteredAt).Take(200)
            .Select(m => new { m.Id, m.Name, m.RegisteredAt }).ToListAsync(ct);
        var ids = invitees.Select(i => i.Id.ToString()).ToList();
        var rewarded = await db.PointsEntries.AsNoTracking().Where(e => e.SourceType == "referral" && e.Rule == "referrer" && ids.Contains(e.SourceId))
            .Select(e => new { e.SourceId, e.PendingChange }).ToListAsync(ct);
        return new MyReferrals(code,
            invitees.Select(i => new Invitee(string.IsNullOrEmpty(i.Name) ? "新会员" : i.Name[..1] + "**", i.RegisteredAt, rewarded.Any(r => r.SourceId == i.Id.ToString()))).ToList(),
            rewarded.Sum(r => r.PendingChange));
    }
}
