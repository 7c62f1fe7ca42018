using MemberMall.Common;

namespace MemberMall.Features.Payments;

public enum PaymentStatus { Pending, Succeeded, Failed, Cancelled }

/// <summary>One attempt to pay an order with one method. At most one payment of an order succeeds.</summary>
public class Payment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public string TradeNo { get; init; } = "";
    public string Method { get; init; } = "";
    public long AmountFen { get; init; }
    public PaymentStatus Status { get; private set; }
    public string? ProviderTransactionId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SucceededAt { get; private set; }
    public long Version { get; private set; }

    public bool Succeed(string? providerTransactionId, DateTimeOffset now)
    {
        if (Status == PaymentStatus.Succeeded) return false;
        // A gateway can report success after we gave up on the payment: the money is real, so record it
        // (the caller refunds it when the order no longer wants it).
        (Status, ProviderTransactionId, SucceededAt) = (PaymentStatus.Succeeded, providerTransactionId, now);
        Version++;
        return true;
    }

    public void Fail()
    {
        if (Status != PaymentStatus.Pending) return;
        Status = PaymentStatus.Failed;
        Version++;
    }

    public void Cancel()
    {
        if (Status != PaymentStatus.Pending) return;
        Status = PaymentStatus.Cancelled;
        Version++;
    }
}

/// <summary>Every gateway notification received, once per (provider, notify id): the database makes duplicates harmless.</summary>
public class PaymentNotification : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Provider { get; init; } = "";
    public string NotifyId { get; init; } = "";
    public string TradeNo { get; init; } = "";
    public long AmountFen { get; init; }
    public string Outcome { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
}

public enum RefundStatus { Pending, Succeeded }

/// <summary>
/// Money going back to the member through the payment's own channel (or offline for cash and transfer). A gateway
/// refund is recorded <see cref="RefundStatus.Pending"/> with the change that owes it and sent to the gateway only
/// after that change commits (<see cref="RefundSender"/>), so a rolled-back change never sends money.
/// </summary>
public class Refund
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public Guid? PaymentId { get; init; }
    public Guid? AfterSalesId { get; init; }
    public string RefundNo { get; init; } = "";
    public long AmountFen { get; init; }
    /// <summary>Where the money goes back: the payment's gateway, or <see cref="OfflineChannel"/> (cash, transfer, or settled by finance).</summary>
    public string Channel { get => _channel; init => _channel = value; }
    private string _channel = "";
    public RefundStatus Status { get; private set; }
    public string Reason { get; init; } = "";
    public string? ProviderRefundId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>Gateway requests made so far; the next is due at <see cref="NextAttemptAt"/> while pending.</summary>
    public int Attempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    /// <summary>Why the last gateway request failed.</summary>
    public string? LastError { get; private set; }
    /// <summary>
    /// While set and in the future, someone is asking the gateway about this refund (the sender with a request, or finance
    /// settling it offline), and nobody else may.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }
    /// <summary>How finance paid a gateway refund by other means (a bank transfer and its reference, say), and who did.</summary>
    public string? Note { get; private set; }
    public string? SettledBy { get; private set; }

    public const string OfflineChannel = "offline";
    public const int MaxErrorLength = 200;
    public const int MaxNoteLength = 200;

    public void Complete(string? providerRefundId, DateTimeOffset now) =>
        (Status, ProviderRefundId, CompletedAt, NextAttemptAt, ClaimedUntil) = (RefundStatus.Succeeded, providerRefundId, now, null, null);

    /// <summary>Finance paid a gateway refund by other means: it is no longer owed through the gateway.</summary>
    public void SettleOffline(string note, string settledBy, DateTimeOffset now)
    {
        Complete(null, now);
        (_channel, Note, SettledBy) = (OfflineChannel, note, settledBy);
    }

    /// <summary>Owed through the gateway: sent once the change that owes it has committed.</summary>
    public void SendLater(DateTimeOffset now) => (Status, NextAttemptAt) = (RefundStatus.Pending, now);
}
