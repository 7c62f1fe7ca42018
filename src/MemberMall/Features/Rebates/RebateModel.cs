using MemberMall.Common;

namespace MemberMall.Features.Rebates;

public enum RebateEntryKind { Accrue, Release, Clawback, Withdraw, WithdrawReturned, WithdrawPaid }

public enum AccrualStatus { Pending, Held, Credited }

public enum SettlementMode { Immediate, Monthly, Quarterly }

public enum WithdrawalStatus { Requested, Paid, Rejected }

/// <summary>A cash rebate rule: which lines it covers and the percentage of what they paid that comes back.</summary>
public class RebateRule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    /// <summary>all, category, product or tier.</summary>
    public string Scope { get; private set; } = "all";
    public Guid? TargetId { get; private set; }
    public long MinOrderFen { get; private set; }
    public long? MaxOrderFen { get; private set; }
    public decimal Percent { get; private set; }
    public bool Active { get; private set; } = true;

    public RebateRule(string name, string scope, Guid? targetId, long minOrderFen, long? maxOrderFen, decimal percent)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new RequestValidationException("rebate.name_required", "name", "A rule needs a name.");
        if (scope is not ("all" or "category" or "product" or "tier") || (scope != "all" && targetId is null))
            throw new RequestValidationException("rebate.scope_invalid", "scope", "Scope is all, or category/product/tier with a target.");
        if (percent is <= 0 or > 50) throw new DomainException("rebate.percent_invalid", "A rebate is more than 0% and at most 50%.");
        if (minOrderFen < 0 || maxOrderFen < minOrderFen) throw new DomainException("rebate.band_invalid", "The order amount band is not valid.");
        (Name, Scope, TargetId, MinOrderFen, MaxOrderFen, Percent) = (name.Trim(), scope, scope == "all" ? null : targetId, minOrderFen, maxOrderFen, percent);
    }

    private RebateRule() { }

    public void Deactivate() => Active = false;
}

/// <summary>The rebate one order line earned, held through the return window, then credited (at once or at settlement).</summary>
public class RebateAccrual
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid OrderId { get; init; }
    public Guid OrderItemId { get; init; }
    public Guid? RuleId { get; init; }
    public decimal Percent { get; init; }
    public long AmountFen { get; init; }
    public long ClawedBackFen { get; private set; }
    public AccrualStatus Status { get; private set; }
    public DateTimeOffset AccruedAt { get; init; }
    public DateTimeOffset AvailableAt { get; init; }
    public DateTimeOffset? CreditedAt { get; private set; }
    public Guid? StatementId { get; private set; }

    public long Net => AmountFen - ClawedBackFen;

    public void Hold() => Status = Status == AccrualStatus.Pending ? AccrualStatus.Held : Status;

    public void Credit(DateTimeOffset now, Guid? statementId) => (Status, CreditedAt, StatementId) = (AccrualStatus.Credited, now, statementId);

    public long ClawBack(long fen)
    {
        var taken = Math.Min(fen, Net);
        ClawedBackFen += taken;
        return taken;
    }
}

/// <summary>A member's rebate balances: a cache of the entries, changed by atomic updates only.</summary>
public class RebateAccount
{
    public Guid MemberId { get; init; }
    public long PendingFen { get; init; }
    public long AvailableFen { get; init; }
    public long FrozenFen { get; init; }
}

public class RebateEntry : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public RebateEntryKind Kind { get; init; }
    public long PendingChange { get; init; }
    public long AvailableChange { get; init; }
    public long FrozenChange { get; init; }
    public long AvailableAfter { get; init; }
    public string SourceType { get; init; } = "";
    public string SourceId { get; init; } = "";
    public string Rule { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A settlement statement: what one member was credited for one period.</summary>
public class RebateStatement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public long AmountFen { get; init; }
    public int Lines { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public class Withdrawal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public long AmountFen { get; init; }
    public long FeeFen { get; init; }
    public string AccountCipher { get; init; } = "";
    public string AccountMasked { get; init; } = "";
    public WithdrawalStatus Status { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public long Version { get; private set; }

    public void Decide(bool approve, string? note, DateTimeOffset now)
    {
        if (Status != WithdrawalStatus.Requested) throw new DomainException("withdrawal.already_decided", "This withdrawal was already decided.");
        (Status, Note, DecidedAt) = (approve ? WithdrawalStatus.Paid : WithdrawalStatus.Rejected, note, now);
        Version++;
    }
}
