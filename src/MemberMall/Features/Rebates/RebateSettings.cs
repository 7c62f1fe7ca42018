using MemberMall.Common;

namespace MemberMall.Features.Rebates;

/// <summary>When rebates settle and what a withdrawal costs. One row.</summary>
public class RebateSettings
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;

    public SettlementMode Settlement { get; private set; } = SettlementMode.Immediate;
    public long WithdrawMinFen { get; private set; } = 10_00;
    public decimal WithdrawFeePercent { get; private set; } = 1m;
    public long WithdrawFeeMinFen { get; private set; } = 1_00;
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Set(SettlementMode mode, long withdrawMinFen, decimal withdrawFeePercent, long withdrawFeeMinFen, DateTimeOffset now)
    {
        if (withdrawMinFen < 1 || withdrawFeePercent is < 0 or > 20 || withdrawFeeMinFen < 0 || withdrawFeeMinFen >= withdrawMinFen)
            throw new DomainException("rebate.withdraw_rule_invalid", "The withdrawal minimum must be positive and above the minimum fee; the fee is 0–20%.");
        (Settlement, WithdrawMinFen, WithdrawFeePercent, WithdrawFeeMinFen, UpdatedAt) = (mode, withdrawMinFen, withdrawFeePercent, withdrawFeeMinFen, now);
    }

    /// <summary>The fee on a withdrawal: a percentage, rounded up to the fen, never below the minimum fee.</summary>
    public long WithdrawFee(long amountFen) => Math.Max(WithdrawFeeMinFen, (long)Math.Ceiling(amountFen * WithdrawFeePercent / 100m));
}
