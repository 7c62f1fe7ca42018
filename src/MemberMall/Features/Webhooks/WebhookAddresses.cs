using System.Net;
using System.Net.Sockets;
using MemberMall.Common;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Webhooks;

/// <summary>
/// The SSRF rule. Unless <see cref="WebhookOptions.AllowPrivateAddresses"/>, a URL must be https and every address its
/// host resolves to public. Checked when a URL is saved and again at each connection (<see cref="ConnectAsync"/>, the
/// handler's connect callback), so a name that later resolves to an inner address is refused too.
/// </summary>
public sealed class WebhookAddresses(IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    public bool AllowPrivate => options.Value.AllowPrivateAddresses;

    /// <summary>Throws 400 <c>webhook.url_invalid</c>, <c>webhook.url_not_https</c> or <c>webhook.url_not_allowed</c>.</summary>
    public async Task CheckAsync(string url, CancellationToken ct)
    {
        if (WebhookRules.ShapeProblem(url, AllowPrivate) is { } code)
            throw new RequestValidationException(code, "url", code == "webhook.url_invalid"
                ? "An absolute http(s) URL without user info is needed." : "Only https URLs are accepted.");
        if (AllowPrivate) return;
        var host = new Uri(url).IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            throw new RequestValidationException("webhook.url_unresolved", "url", "The host name does not resolve.");
        }
        if (addresses.Length == 0 || !addresses.All(WebhookRules.IsPublic))
            throw new RequestValidationException("webhook.url_not_allowed", "url", "The URL resolves to a private, loopback or reserved address.");
    }

    /// <summary>Opens the connection for a delivery, refusing non-public addresses unless they are allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = AllowPrivate ? addresses : addresses.Where(WebhookRules.IsPublic).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
            throw new HttpRequestException($"The address of {host} is not public.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
