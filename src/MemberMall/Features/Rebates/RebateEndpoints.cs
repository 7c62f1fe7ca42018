using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Rebates;

public sealed record RebateRuleInput([property: Required, StringLength(100)] string Name, [property: Required] string Scope, Guid? TargetId,
    [property: Range(0, 100_000_000)] decimal MinOrder, decimal? MaxOrder, [property: Range(0.0001, 50)] decimal Percent);

public sealed record AccrualView(Guid Id, Guid OrderId, decimal Amount, decimal ClawedBack, decimal Percent, string Status, DateTimeOffset AccruedAt, DateTimeOffset AvailableAt);

public sealed record StatementView(Guid Id, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, int Lines);

public sealed record MyRebates(decimal Pending, decimal Available, decimal Frozen, IReadOnlyList<AccrualView> Accruals, IReadOnlyList<StatementView> Statements,
    IReadOnlyList<WithdrawalView> Withdrawals);

public sealed record Decision([property: StringLength(200)] string? Note);

public sealed record RebateSettingsInput([property: Required] string Settlement, [property: Range(0.01, 100_000)] decimal WithdrawMin,
    [property: Range(0, 20)] decimal WithdrawFeePercent, [property: Range(0, 1000)] decimal WithdrawFeeMin);

public static class RebateEndpoints
{
    public static async Task<MyRebates> MineAsync(MallDb db, Guid memberId, CancellationToken ct)
    {
        var account = await db.RebateAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.MemberId == memberId, ct);
        var accruals = await db.RebateAccruals.AsNoTracking().Where(a => a.MemberId == memberId).OrderByDescending(a => a.AccruedAt).Take(100).ToListAsync(ct);
        var statements = await db.RebateStatements.AsNoTracking().Where(s => s.MemberId == memberId).OrderByDescending(s => s.PeriodStart).Take(24).ToListAsync(ct);
        var withdrawals = await db.Withdrawals.AsNoTracking().Where(w => w.MemberId == memberId).OrderByDescending(w => w.CreatedAt).Take(50).ToListAsync(ct);
        return new MyRebates(Money.ToYuan(account?.PendingFen ?? 0), Money.ToYuan(account?.AvailableFen ?? 0), Money.ToYuan(account?.FrozenFen ?? 0),
            accruals.Select(a => new AccrualView(a.Id, a.OrderId, Money.ToYuan(a.AmountFen), Money.ToYuan(a.ClawedBackFen), a.Percent, EnumText.Snake(a.Status), a.AccruedAt, a.AvailableAt)).ToList(),
            statements.Select(s => new StatementView(s.Id, s.PeriodStart, s.PeriodEnd, Money.ToYuan(s.AmountFen), s.Lines)).ToList(),
            withdrawals.Select(Withdrawals.View).ToList());
    }

    public static IEndpointRouteBuilder MapRebates(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Rebates").RequireAuthorization(Roles.Member);
        me.MapGet("/rebates", (HttpContext http, MallDb db, CancellationToken ct) => MineAsync(db, MemberId(http.User), ct));
        me.MapPost("/withdrawals", async (WithdrawalInput input, HttpContext http, Withdrawals w, CancellationToken ct) =>
            TypedResults.Created("/api/me/rebates", await w.RequestAsync(MemberId(http.User), input, ct)))
            .ProducesError(400, "withdrawal.amount_invalid", "withdrawal.account_invalid", "withdrawal.account_type_invalid", "withdrawal.card_invalid")
            .ProducesError(422, "withdrawal.below_minimum");

        var admin = app.MapGroup("/api/admin").WithTags("Rebates (staff)");
        admin.MapGet("/members/{id:guid}/rebates", (Guid id, MallDb db, CancellationToken ct) => MineAsync(db, id, ct)).RequireAuthorization(Permissions.MembersRead);
        admin.MapGet("/rebate-rules", (RebateAdmin rebates, CancellationToken ct) => rebates.RulesAsync(ct)).RequireAuthorization(Permissions.DashboardRead);
        admin.MapPost("/rebate-rules", async (RebateRuleInput input, RebateAdmin rebates, HttpContext http, CancellationToken ct) =>
            TypedResults.Created("/api/admin/rebate-rules", await rebates.CreateRuleAsync(input, Actor.From(http), ct))).RequireAuthorization(Permissions.FinanceWrite)
            .ProducesError(400, "rebate.name_required", "rebate.scope_invalid").ProducesError(422, "rebate.band_invalid", "rebate.percent_invalid");
        admin.MapDelete("/rebate-rules/{id:guid}", async (Guid id, RebateAdmin rebates, HttpContext http, CancellationToken ct) =>
        {
            await rebates.DeactivateRuleAsync(id, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.FinanceWrite).ProducesError(404, "rebate.rule_not_found");
        admin.MapPut("/rebates/settings", async (RebateSettingsInput input, RebateAdmin rebates, HttpContext http, CancellationToken ct) =>
        {
            await rebates.UpdateSettingsAsync(input, Actor.From(http), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Permissions.FinanceWrite).ProducesError(400, "rebate.settlement_invalid").ProducesError(422, "rebate.withdraw_rule_invalid");
        admin.MapGet("/withdrawals", (string? status, RebateAdmin rebates, CancellationToken ct) => rebates.WithdrawalsAsync(status, ct))
            .RequireAuthorization(Permissions.FinanceWrite);
        admin.MapPost("/withdrawals/{id:guid}/approve", (Guid id, Decision? d, Withdrawals w, HttpContext http, CancellationToken ct) =>
            w.DecideAsync(id, true, d?.Note, Actor.From(http), ct)).RequireAuthorization(Permissions.FinanceWrite)
            .ProducesError(404, "withdrawal.not_found").ProducesError(422, "withdrawal.already_decided");
        admin.MapPost("/withdrawals/{id:guid}/reject", (Guid id, Decision? d, Withdrawals w, HttpContext http, CancellationToken ct) =>
            w.DecideAsync(id, false, d?.Note, Actor.From(http), ct)).RequireAuthorization(Permissions.FinanceWrite)
            .ProducesError(404, "withdrawal.not_found").ProducesError(422, "withdrawal.already_decided");
        admin.MapGet("/rebates/statements", async (DateOnly? periodStart, RebateAdmin rebates, CancellationToken ct) =>
            (await rebates.StatementsAsync(Dates.Day(periodStart, "periodStart"), ct)).Select(s => new { s.MemberId, statement = s.Statement })).RequireAuthorization(Permissions.FinanceWrite);
        return app;
    }
}
