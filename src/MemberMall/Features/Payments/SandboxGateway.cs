using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MemberMall.Common;

namespace MemberMall.Features.Payments;

public sealed class SandboxOptions
{
    public bool Enabled { get; set; }
    /// <summary>When on, the sandbox "customer" pays at once and the gateway sends its notification right away.</summary>
    public bool AutoConfirm { get; set; } = true;
    public string Secret { get; set; } = "";
    /// <summary>Where the sandbox posts notifications; empty means the app's own first listening address.</summary>
    public string? CallbackBaseUrl { get; set; }
    /// <summary>
    /// How long the refund sender waits for the gateway's answer to a refund request (1–50 s, inside the sender's one-minute
    /// lease): a request given up on is over before another sender or finance may take the refund.
    /// </summary>
    public int RefundTimeoutSeconds { get; set; } = 20;
}

/// <summary>A notification as a gateway sends it: amounts in fen, signed over the raw body.</summary>
public sealed record SandboxNotice(string NotifyId, string TradeNo, long TotalFee, string Status, DateTimeOffset PaidAt, string TransactionId);

/// <summary>
/// A payment gateway for development and tests that behaves like a real one: it accepts a payment, later
/// delivers an asynchronous notification signed with HMAC-SHA256 over the body (header
/// <c>X-Sandbox-Signature</c>), and takes refund requests keyed by the shop's refund number.
/// </summary>
public sealed class SandboxGateway(Microsoft.Extensions.Options.IOptions<SandboxOptions> options, Channel<SandboxNotice> outbox)
{
    public const string Provider = "sandbox";
    public const string SignatureHeader = "X-Sandbox-Signature";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Enabled => options.Value.Enabled;

    public void RequireEnabled()
    {
        if (!Enabled) throw new DomainException("payment.method_unavailable", "The sandbox gateway is switched off.");
    }

    /// <summary>The customer completed the payment on the gateway's page: queue the notification.</summary>
    public void CompleteOnGateway(Payment payment, DateTimeOffset now) =>
        outbox.Writer.TryWrite(new SandboxNotice("N" + Guid.CreateVersion7().ToString("N"), payment.TradeNo, payment.AmountFen, "SUCCESS", now,
            "SBX" + RandomNumberGenerator.GetHexString(16)));

    public bool AutoConfirm => options.Value.AutoConfirm;

    public string Sign(string body) => Sign(options.Value.Secret, body);

    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public SandboxNotice Verify(string body, string? signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(body));
        if (signature is null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant())))
            throw new DomainException("payment.signature_invalid", "The notification signature does not verify.", 401);
        try
        {
            return JsonSerializer.Deserialize<SandboxNotice>(body, Json) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new DomainException("payment.notification_malformed", "The notification body is not a sandbox notice.", 400);
        }
    }

    private readonly ConcurrentDictionary<string, SandboxRefund> _refunds = new();

    /// <summary>While set, each refund request first waits for it, as on a gateway that takes its time to answer.</summary>
    public Func<string, Task>? SlowRefunds { get; set; }

    /// <summary>While on, the gateway answers every refund request with an error, as during an outage.</summary>
    public bool RefundsDown { get; set; }

    /// <summary>
    /// Sends money back. Like a real gateway the request is idempotent on the shop's refund number: asking again
    /// answers the first refund and moves no more money; the same number with another amount is refused.
    /// </summary>
    /// <exception cref="RefundDeclinedException">The gateway did not take the request.</exception>
    public async Task<string> RefundAsync(string refundNo, long amountFen, CancellationToken ct)
    {
        if (SlowRefunds is { } slow) await slow(refundNo).WaitAsync(ct);
        if (RefundsDown) throw Unavailable();
        if (amountFen <= 0) throw new RefundDeclinedException("A refund must be above zero.");
        if (_declines.TryGetValue(refundNo, out var reason)) throw new RefundDeclinedException(reason);
        var refund = _refunds.GetOrAdd(refundNo, _ => new SandboxRefund(amountFen, "SBR" + RandomNumberGenerator.GetHexString(16)));
        return refund.AmountFen == amountFen
            ? refund.ProviderRefundId
            : throw new RefundDeclinedException("This refund number was used for another amount.");
    }

    /// <summary>
    /// The refund the gateway took under this number, or null when it has none: what finance must know before paying
    /// a refund by other means.
    /// </summary>
    /// <exception cref="GatewayUnavailableException">The gateway cannot be asked.</exception>
    public Task<SandboxRefund?> FindRefundAsync(string refundNo, CancellationToken ct) =>
        RefundsDown ? throw Unavailable() : Task.FromResult(_refunds.GetValueOrDefault(refundNo));

    /// <summary>From now on the gateway declines refunds under this number with <paramref name="reason"/>, as for a closed account.</summary>
    public void Decline(string refundNo, string reason) => _declines[refundNo] = reason;

    private readonly ConcurrentDictionary<string, string> _declines = new();

    private static GatewayUnavailableException Unavailable() => new("The sandbox gateway is unavailable.");

    /// <summary>The refunds the gateway has taken: money moved once per refund number.</summary>
    public IReadOnlyDictionary<string, SandboxRefund> Refunds => _refunds;
}

public sealed record SandboxRefund(long AmountFen, string ProviderRefundId);

/// <summary>The gateway did not take a refund request.</summary>
public class RefundDeclinedException(string message) : Exception(message);

/// <summary>The gateway could not be reached at all.</summary>
public sealed class GatewayUnavailableException(string message) : RefundDeclinedException(message);
