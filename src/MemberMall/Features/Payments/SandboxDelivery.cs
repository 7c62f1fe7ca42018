using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MemberMall.Features.Payments;

/// <summary>
/// The sandbox gateway's notification sender: it posts each signed notice to the callback URL over HTTP, as a
/// real gateway would, and retries with growing pauses until the shop answers 2xx.
/// </summary>
public sealed class SandboxDelivery(Channel<SandboxNotice> queue, IHttpClientFactory http, IOptions<SandboxOptions> options, IServer server,
    TimeProvider clock, ILogger<SandboxDelivery> logger) : BackgroundService
{
    public const string ClientName = "sandbox-gateway";
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notice in queue.Reader.ReadAllAsync(stoppingToken))
        {
            var body = JsonSerializer.Serialize(notice, SandboxGateway.Json);
            var signature = SandboxGateway.Sign(options.Value.Secret, body);
            for (var attempt = 1; attempt <= MaxAttempts && !stoppingToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl(), "/api/payments/callbacks/sandbox"))
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add(SandboxGateway.SignatureHeader, signature);
                    using var response = await http.CreateClient(ClientName).SendAsync(request, stoppingToken);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode is 401 or 404 or 422) break;
                    logger.LogWarning("Sandbox notification {NotifyId} answered {Status}, attempt {Attempt}", notice.NotifyId, (int)response.StatusCode, attempt);
                }
                catch (HttpRequestException e)
                {
                    logger.LogWarning(e, "Sandbox notification {NotifyId} failed, attempt {Attempt}", notice.NotifyId, attempt);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt * attempt), clock, stoppingToken);
            }
        }
    }

    private Uri BaseUrl()
    {
        if (!string.IsNullOrEmpty(options.Value.CallbackBaseUrl)) return new Uri(options.Value.CallbackBaseUrl);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("+", "127.0.0.1").Replace("*", "127.0.0.1"));
    }
}
