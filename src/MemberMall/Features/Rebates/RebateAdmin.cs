using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Rebates;

public sealed record MemberStatementView(Guid MemberId, StatementView Statement);

/// <summary>
/// Finance's side of rebates: rules, the settlement mode, the withdrawal queue and statements. The API endpoints
/// and the admin console both call these methods, so each change writes the same audit row wherever it is made.
/// </summary>
public sealed class RebateAdmin(MallDb db, RebateSettingsService settings, AuditLog audit, TimeProvider clock)
{
    public Task<List<RebateRule>> RulesAsync(CancellationToken ct) => db.RebateRules.AsNoTracking().Where(r => r.Active).ToListAsync(ct);

    public async Task<RebateRule> CreateRuleAsync(RebateRuleInput input, Actor actor, CancellationToken ct)
    {
        var rule = new RebateRule(input.Name, input.Scope, input.TargetId, Money.FromYuan(input.MinOrder).Minor,
            input.MaxOrder is { } max ? Money.FromYuan(max).Minor : null, input.Percent);
        db.RebateRules.Add(rule);
        audit.Record(actor, "rebate.rule_create", "rebate_rule", rule.Id.ToString(), null, input);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task DeactivateRuleAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var rule = await db.RebateRules.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("rebate.rule_not_found", "Rule not found.");
        rule.Deactivate();
        audit.Record(actor, "rebate.rule_deactivate", "rebate_rule", id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateSettingsAsync(RebateSettingsInput input, Actor actor, CancellationToken ct)
    {
        if (!EnumText.TryParseSnake<SettlementMode>(input.Settlement, out var mode))
            throw new RequestValidationException("rebate.settlement_invalid", "settlement", "Settlement is immediate, monthly or quarterly.");
        var row = await settings.EditAsync(ct);
        row.Set(mode, Money.FromYuan(input.WithdrawMin).Minor, input.WithdrawFeePercent, Money.FromYuan(input.WithdrawFeeMin).Minor, clock.GetUtcNow());
        audit.Record(actor, "rebate.settings_update", "loyalty_settings", "1", null, input);
        await db.SaveChangesAsync(ct);
        settings.Forget();
    }

    /// <summary>The review queue, oldest first; all statuses when <paramref name="status"/> is null.</summary>
    public async Task<IReadOnlyList<WithdrawalView>> WithdrawalsAsync(string? status, CancellationToken ct)
    {
        var q = db.Withdrawals.AsNoTracking();
        if (status is not null)
        {
            if (!EnumText.TryParseSnake<WithdrawalStatus>(status, out var st)) throw new RequestValidationException("withdrawal.status_invalid", "status", "Unknown status.");
            q = q.Where(w => w.Status == st);
        }
        return (await q.OrderBy(w => w.CreatedAt).Take(500).ToListAsync(ct)).Select(Withdrawals.View).ToList();
    }

    public async Task<IReadOnlyList<MemberStatementView>> StatementsAsync(DateOnly? periodStart, CancellationToken ct)
    {
        var q = db.RebateStatements.AsNoTracking();
        if (periodStart is { } p) q = q.Where(s => s.PeriodStart == p);
        return (await q.OrderByDescending(s => s.PeriodStart).Take(1000).ToListAsync(ct))
            .Select(s => new MemberStatementView(s.MemberId, new StatementView(s.Id, s.PeriodStart, s.PeriodEnd, Money.ToYuan(s.AmountFen), s.Lines))).ToList();
    }
}
