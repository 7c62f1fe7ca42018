using System.Diagnostics;
using System.Text;
using MemberMall.Features.Outbox;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Webhooks;

/// <summary>
/// Sends due deliveries. Each is leased with a conditional update before it is sent, so two passes at once (two app
/// instances) never send one twice. A member's deliveries to an endpoint go out one at a time in event order: only the
/// earliest pending one of each (endpoint, member) may go, so a failing event holds the later ones until it succeeds or
/// fails for good. No delivery goes before an older outbox row is handed over (another dispatcher may still hold it).
/// </summary>
public sealed class WebhookSender(MallDb db, PiiProtector pii, IHttpClientFactory http, Outbox.Outbox outbox, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends every due delivery once, and again in a new round while sends succeed (a success may free the next event of a member).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var attempts = 0;
        for (var round = 0; round < 50; round++)
        {
            var (tried, succeeded) = await RoundAsync(ct);
            attempts += tried;
            if (succeeded == 0) break;
        }
        return attempts;
    }

    private async Task<(int Tried, int Succeeded)> RoundAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var watermark = await db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAt == null).OrderBy(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now)
                && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Status == WebhookStatus.Active))
            .OrderBy(d => d.EventOrder).Take(200)
            .Select(d => new Due(d.Id, d.EndpointId, d.MemberKey, d.EventOrder)).ToListAsync(ct);
        if (watermark is { } w) due = due.Where(d => SequentialIds.Compare(d.EventOrder, w) < 0).ToList();
        if (due.Count == 0) return (0, 0);

        var endpoints = due.Where(d => d.MemberKey != null).Select(d => d.EndpointId).Distinct().ToList();
        var members = due.Where(d => d.MemberKey != null).Select(d => d.MemberKey!).Distinct().ToList();
        var pending = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.MemberKey != null && endpoints.Contains(d.EndpointId) && members.Contains(d.MemberKey))
            .Select(d => new Due(d.Id, d.EndpointId, d.MemberKey, d.EventOrder)).ToListAsync(ct);
        var heads = pending.GroupBy(d => (d.EndpointId, d.MemberKey))
            .ToDictionary(g => g.Key, g => g.Aggregate((a, b) => SequentialIds.Compare(a.EventOrder, b.EventOrder) <= 0 ? a : b).Id);

        var (tried, succeeded) = (0, 0);
        foreach (var d in due)
        {
            if (d.MemberKey is not null && heads.GetValueOrDefault((d.EndpointId, d.MemberKey)) != d.Id) continue;
            if (!await ClaimAsync(d.Id, ct)) continue;
            tried++;
            if (await SendAsync(d.Id, ct)) succeeded++;
        }
        return (tried, succeeded);
    }

    /// <summary>Leases one delivery; false when another pass has it or it is no longer pending.</summary>
    public async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + Lease;
        return await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until), ct) == 1;
    }

    /// <summary>Sends a leased delivery once and records the attempt; answers whether the receiver took it (2xx).</summary>
    public async Task<bool> SendAsync(Guid id, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == delivery.EndpointId, ct);
        var o = options.Value;
        var sentAt = clock.GetUtcNow();
        var timestamp = sentAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.Id.ToString());
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookRules.Signature(delivery.Id.ToString(), timestamp, delivery.Body, endpoint.SigningCiphers(sentAt).Select(pii.Decrypt)));

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? excerpt = null, error = null;
        try
        {
            if (WebhookRules.ShapeProblem(endpoint.Url, o.AllowPrivateAddresses) is { } problem) throw new HttpRequestException(problem);
            using var response = await http.CreateClient(WebhookAddresses.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            excerpt = await ExcerptAsync(response, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "timeout" : e.Message.Length > 300 ? e.Message[..300] : e.Message;
        }
        var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var now = clock.GetUtcNow();
        var ok = status is >= 200 and < 300;
        if (ok)
        {
            delivery.Succeed(now, status!.Value, latency, excerpt);
            endpoint.Succeeded();
        }
        else
        {
            var next = now + WebhookRules.RetryDelay(delivery.Attempts + 1, o.RetryBaseSeconds, Random.Shared.NextDouble());
            delivery.Fail(now, status, latency, excerpt, error, next, TimeSpan.FromHours(o.RetryHours));
            if (endpoint.Failed(now, TimeSpan.FromHours(o.DisableAfterHours)))
            {
                // Staff see it in the outbox (and any consumer may alert on it).
                outbox.Add("webhook.endpoint_disabled", endpoint.Id, new { endpointId = endpoint.Id, url = endpoint.Url, failingSince = endpoint.FailingSince });
                logger.LogWarning("Webhook endpoint {EndpointId} disabled after failing since {Since}", endpoint.Id, endpoint.FailingSince);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return ok;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[WebhookDelivery.ExcerptLength];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return new string(buffer, 0, read);
    }

    private sealed record Due(Guid Id, Guid EndpointId, string? MemberKey, Guid EventOrder);
}
