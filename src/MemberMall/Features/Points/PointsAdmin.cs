using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Points;

/// <summary>
/// Staff changes to the points programme's rates and campaigns and to members' balances. The API endpoints and the admin console both
/// call these methods, so a change made on either writes the same rows and the same audit entry.
/// </summary>
public sealed class PointsAdmin(MallDb db, PointsSettingsService settings, ShopSettingsService shop, PointsLedger ledger, PointsQueries queries,
    AuditLog audit, TimeProvider clock)
{
    public Task<List<PointsRule>> RulesAsync(CancellationToken ct) => db.PointsRules.AsNoTracking().OrderBy(r => r.Scope).ToListAsync(ct);

    /// <summary>Sets the rate of one category or product, replacing the rule it had.</summary>
    public async Task<PointsRule> SetRuleAsync(PointsRuleInput input, Actor actor, CancellationToken ct)
    {
        var rule = new PointsRule(input.Scope, input.TargetId, input.Rate, input.Name);
        await db.PointsRules.Where(r => r.Scope == rule.Scope && r.TargetId == rule.TargetId).ExecuteDeleteAsync(ct);
        db.PointsRules.Add(rule);
        audit.Record(actor, "points.rule_set", "points_rule", rule.Id.ToString(), null, input);
        await db.SaveChangesAsync(ct);
        settings.Forget();
        return rule;
    }

    public async Task DeleteRuleAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (await db.PointsRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct) == 0) throw new NotFoundException("points.rule_not_found", "Rule not found.");
        audit.Record(actor, "points.rule_delete", "points_rule", id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
        settings.Forget();
    }

    public Task<List<PointsCampaign>> CampaignsAsync(CancellationToken ct) => db.PointsCampaigns.AsNoTracking().OrderByDescending(c => c.StartsAt).ToListAsync(ct);

    public async Task<PointsCampaign> CreateCampaignAsync(CampaignInput input, Actor actor, CancellationToken ct)
    {
        var campaign = new PointsCampaign(input.Name, Dates.Instant(input.StartsAt, "startsAt"), Dates.Instant(input.EndsAt, "endsAt"), input.Multiplier);
        db.PointsCampaigns.Add(campaign);
        audit.Record(actor, "points.campaign_create", "points_campaign", campaign.Id.ToString(), null, input);
        await db.SaveChangesAsync(ct);
        settings.Forget();
        return campaign;
    }

    /// <summary>A manual credit or debit of a member's available points; a debit never takes the balance below zero.</summary>
    public async Task<PointsSummary> AdjustAsync(Guid memberId, PointsAdjustment input, Actor actor, CancellationToken ct)
    {
        if (input.Points is 0 or > 10_000_000 or < -10_000_000)
            throw new RequestValidationException("points.amount_invalid", "points", "Adjust by a non-zero number of points up to 10,000,000.");
        if (string.IsNullOrWhiteSpace(input.Reason))
            throw new RequestValidationException("points.reason_required", "reason", "Give a reason for the adjustment.");
        if (!await db.Members.AnyAsync(m => m.Id == memberId, ct)) throw new NotFoundException("member.not_found", "Member not found.");
        var source = new PointsSource("adjustment", Guid.CreateVersion7().ToString(), "manual");
        await using var tx = await db.BeginWorkAsync(ct);
        if (input.Points > 0)
        {
            var expires = (await settings.GetAsync(ct)).ExpiresAt(clock.GetUtcNow(), (await shop.GetAsync(ct)).Zone);
            await ledger.CreditAsync(memberId, input.Points, pending: false, expires, source, input.Reason, actor, ct);
        }
        else await ledger.DebitAsync(memberId, -input.Points, PointsEntryKind.Adjust, source, input.Reason, actor, ct);
        audit.Record(actor, "points.adjust", "member", memberId.ToString(), null, new { input.Points, input.Reason });
        await tx.SaveAndCommitAsync(ct);
        return await queries.SummaryAsync(memberId, ct);
    }
}
