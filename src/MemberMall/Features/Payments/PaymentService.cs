using System.Globalization;
using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Payments;

/// <summary>What a verified gateway notice did to its payment (<see cref="PaymentService.ReceiveAsync"/>).</summary>
/// <param name="Outcome">The answer to give and record; null when the payment succeeded just now and the order it pays decides the outcome.</param>
/// <param name="Repeat">The notice was applied before: <paramref name="Outcome"/> is its first answer, and there is nothing more to do.</param>
/// <param name="PaysPending">The notice pays a payment that was still pending, so it was not looked up among the notices seen.</param>
public sealed record NoticeReceived(string? Outcome, bool Repeat, bool PaysPending);

/// <summary>
/// Payments of orders: starting one, what a gateway's notice does to it, and confirming bank transfers. The order's
/// side (paying the order, its timeline) is the caller's: each method here says what happened to the payment.
/// </summary>
public sealed class PaymentService(MallDb db, SandboxGateway sandbox)
{
    public void RequireAvailable(string method)
    {
        if (method == SandboxGateway.Provider) sandbox.RequireEnabled();
    }

    /// <summary>
    /// The payment to pay an order with in <paramref name="tx"/>: <paramref name="started"/> (one already started with this
    /// method), else a new one. When the sandbox confirms by itself, its notice is sent once the payment is committed for good.
    /// </summary>
    public Payment Start(WorkUnit tx, Payment? started, Guid orderId, string method, long amountFen, DateTimeOffset now)
    {
        var payment = started;
        if (payment is null)
        {
            payment = new Payment { OrderId = orderId, Method = method, AmountFen = amountFen, CreatedAt = now, TradeNo = NewTradeNo(now) };
            db.Payments.Add(payment);
        }
        // The gateway's notice may come at once: it is sent only when the payment is committed for good.
        if (method == SandboxGateway.Provider && sandbox.AutoConfirm) tx.AfterCommit(() => sandbox.CompleteOnGateway(payment, now));
        return payment;
    }

    /// <summary>What the member is told to do next, for the methods paid outside the gateway.</summary>
    public static string? Instructions(Payment payment) => payment.Method switch
    {
        "cod" => "货到付款：请在收货时付款。Pay the courier on delivery.",
        "bank_transfer" => $"请转账并在附言中注明 {payment.TradeNo}。Transfer the amount quoting {payment.TradeNo}; finance confirms it.",
        _ => null,
    };

    /// <summary>
    /// Applies a verified notice to its payment (read by the caller, tracked): a repeat answers the outcome it had the first
    /// time; otherwise the amount is wrong, or the payment fails, or it succeeds — was already paid, or is paid just now
    /// (<see cref="NoticeReceived.Outcome"/> null). Record the final outcome with <see cref="Record"/>.
    /// </summary>
    public async Task<NoticeReceived> ReceiveAsync(Payment payment, string provider, SandboxNotice notice, DateTimeOffset now, CancellationToken ct)
    {
        // A notice that pays a payment still pending cannot have been applied before: every outcome it could have had
        // (paid, failed, refunded late) moved the payment on. Only the others need the look-up of notices already seen.
        var paysPending = payment.Status == PaymentStatus.Pending && notice.Status == "SUCCESS" && notice.TotalFee == payment.AmountFen;
        if (!paysPending && await SeenAsync(provider, notice.NotifyId, ct) is { } seen) return new NoticeReceived(seen, true, paysPending);

        if (notice.TotalFee != payment.AmountFen) return new NoticeReceived("amount_mismatch", false, paysPending);
        if (notice.Status != "SUCCESS")
        {
            payment.Fail();
            return new NoticeReceived("failed", false, paysPending);
        }
        return new NoticeReceived(payment.Succeed(notice.TransactionId, now) ? null : "already_paid", false, paysPending);
    }

    /// <summary>Records the notice with its outcome: the unique (provider, notify id) makes a second one fail to save.</summary>
    public void Record(string provider, SandboxNotice notice, string outcome, DateTimeOffset now) =>
        db.PaymentNotifications.Add(new PaymentNotification
        {
            Provider = provider, NotifyId = notice.NotifyId, TradeNo = notice.TradeNo, AmountFen = notice.TotalFee, Outcome = outcome, ReceivedAt = now,
        });

    /// <summary>Whether a save failed because the notice was recorded before.</summary>
    public static bool IsRecordedNotice(DbUpdateException e) => e.UniqueViolation() is { } index && index.Contains("notif", StringComparison.Ordinal);

    public Task<string?> SeenAsync(string provider, string notifyId, CancellationToken ct) => Seen(db, provider, notifyId, ct);

    /// <summary>The answer to a notice with this outcome, the same for a repeat.</summary>
    public static string Replay(string outcome) => outcome == "amount_mismatch"
        ? throw new DomainException("payment.amount_mismatch", "The notified amount does not match the payment.")
        : outcome;

    /// <summary>A bank transfer to confirm by hand.</summary>
    public async Task<Payment> TransferAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw new NotFoundException("payment.not_found", "Payment not found.");
        if (payment.Method != "bank_transfer") throw new DomainException("payment.not_offline", "Only bank transfers are confirmed by hand.");
        return payment;
    }

    /// <summary>Finance saw the transfer arrive: the payment succeeds, once.</summary>
    public static void ConfirmTransfer(Payment payment, DateTimeOffset now)
    {
        if (!payment.Succeed("BANK-" + payment.TradeNo, now)) throw new DomainException("payment.not_pending", "This transfer was already confirmed.");
    }

    private static readonly Func<MallDb, string, string, CancellationToken, Task<string?>> Seen = EF.CompileAsyncQuery(
        (MallDb db, string provider, string notifyId, CancellationToken ct) =>
            db.PaymentNotifications.AsNoTracking().Where(n => n.Provider == provider && n.NotifyId == notifyId).Select(n => n.Outcome).SingleOrDefault());

    /// <summary>P + the second + 12 random digits: two payments in one second share a number once in 10^12/2 pairs.</summary>
    private static string NewTradeNo(DateTimeOffset now) => "P" + now.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
