using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Payments;

/// <summary>A refund finance settled: offline, or found already paid by the gateway (then nothing is paid again).</summary>
public sealed record SettledRefund(Refund Refund, bool PaidByGateway);

/// <summary>
/// What finance does to refunds still owed: a nudge to ask the gateway again at once, and, for a refund the gateway
/// keeps declining, settling it by other means. The list, with the orders, is the Orders feature's.
/// </summary>
public sealed class RefundQueue(MallDb db, RefundSender sender, SandboxGateway gateway, AuditLog audit, TimeProvider clock)
{
    /// <summary>Makes a refund still owed due now, so the sender asks the gateway again without waiting out its pause.</summary>
    public async Task RetryNowAsync(Guid refundId, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginWorkAsync(ct);
        var changed = await db.Refunds.Where(r => r.Id == refundId && r.Status == RefundStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.NextAttemptAt, now), ct);
        if (changed == 0) throw await NotPendingAsync(refundId, ct);
        audit.Record(actor, "refund.retry", "refund", refundId.ToString(), null, new { nextAttemptAt = now });
        await tx.SaveAndCommitAsync(ct);
        sender.Wake();
    }

    /// <summary>
    /// Records a refund still owed through the gateway as paid by other means (finance transferred the money, say).
    /// The refund is claimed first, so no gateway request is under way or can start meanwhile, and the gateway is
    /// asked whether it took the refund after all: if it did, the refund is recorded as the gateway's and nothing is
    /// paid twice. A gateway that cannot be asked refuses the settlement. The caller saves, with the order's side of it.
    /// </summary>
    public async Task<SettledRefund> SettleOfflineAsync(Guid refundId, string? note, Actor actor, CancellationToken ct)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note))
            throw new RequestValidationException("refund.note_required", "note", "Say how the money was paid, e.g. the bank transfer's reference.");
        if (note.Length > Refund.MaxNoteLength)
            throw new RequestValidationException("refund.note_too_long", "note", $"The note can be at most {Refund.MaxNoteLength} characters.");

        var now = clock.GetUtcNow();
        var claimEnds = now + RefundSender.Lease;
        var claimed = await db.Refunds
            .Where(r => r.Id == refundId && r.Status == RefundStatus.Pending && (r.ClaimedUntil == null || r.ClaimedUntil <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedUntil, claimEnds), ct);
        if (claimed == 0)
        {
            if (await db.Refunds.AnyAsync(r => r.Id == refundId && r.Status == RefundStatus.Pending, ct))
                throw new ConflictException("refund.sending", "The gateway is being asked for this refund right now; try again in a minute.");
            throw await NotPendingAsync(refundId, ct);
        }

        SandboxRefund? taken;
        var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, ct);
        try
        {
            taken = await gateway.FindRefundAsync(refund.RefundNo, ct);
        }
        catch (GatewayUnavailableException)
        {
            await db.Refunds.Where(r => r.Id == refundId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);
            throw new DomainException("refund.gateway_unreachable",
                "The gateway cannot be asked whether it has paid this refund already; settle it once the gateway answers.", 503);
        }

        var before = new { status = EnumText.Snake(refund.Status), refund.Channel, refund.Attempts, refund.LastError };
        if (taken is not null) refund.Complete(taken.ProviderRefundId, now);
        else refund.SettleOffline(note, actor.Name, now);
        audit.Record(actor, "refund.settle_offline", "refund", refundId.ToString(), before, new
        {
            refund.RefundNo, status = EnumText.Snake(refund.Status), refund.Channel, refund.ProviderRefundId, note, paidByGateway = taken is not null,
        });
        return new SettledRefund(refund, taken is not null);
    }

    private async Task<DomainException> NotPendingAsync(Guid refundId, CancellationToken ct) =>
        await db.Refunds.AnyAsync(r => r.Id == refundId, ct)
            ? new DomainException("refund.not_pending", "This refund has already been paid.")
            : new NotFoundException("refund.not_found", "Refund not found.");
}
