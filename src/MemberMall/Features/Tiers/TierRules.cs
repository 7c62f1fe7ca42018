namespace MemberMall.Features.Tiers;

public enum TierStepKind { Stay, Move, StartGrace, EndGrace }

/// <summary>What a re-evaluation does: nothing, move to <see cref="To"/>, or start or end a grace period.</summary>
public sealed record TierStep(TierStepKind Kind, Tier? To = null, string? Reason = null, DateTimeOffset? GraceUntil = null);

public static class TierRules
{
    /// <summary>
    /// The scheduled re-evaluation of a member in <paramref name="current"/> who now qualifies for
    /// <paramref name="qualifying"/>: a higher tier is granted at once; qualifying again for the same tier ends
    /// any grace; a lower one follows the shop's <paramref name="policy"/> (never; straight to the qualifying
    /// tier; or one step down once a grace period of <paramref name="graceDays"/> has run out).
    /// </summary>
    public static TierStep Reevaluate(Tier current, Tier qualifying, IReadOnlyList<Tier> tiers, DowngradePolicy policy, int graceDays,
        DateTimeOffset? graceUntil, DateTimeOffset now)
    {
        if (qualifying.Rank > current.Rank) return new(TierStepKind.Move, qualifying, $"re-evaluation: qualified for {qualifying.Name}");
        if (qualifying.Rank == current.Rank) return new(TierStepKind.EndGrace);
        return policy switch
        {
            DowngradePolicy.Periodic => new(TierStepKind.Move, qualifying, "re-evaluation: no longer qualified"),
            DowngradePolicy.OneStepWithGrace when graceUntil is null => new(TierStepKind.StartGrace, GraceUntil: now.AddDays(graceDays)),
            DowngradePolicy.OneStepWithGrace when graceUntil <= now =>
                new(TierStepKind.Move, tiers.Where(t => t.Rank < current.Rank).MaxBy(t => t.Rank)!, $"grace period ended: one step down from {current.Name}"),
            _ => new(TierStepKind.Stay),
        };
    }
}
