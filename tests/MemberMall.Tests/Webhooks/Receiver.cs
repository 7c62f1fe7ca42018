using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberMall.Tests.Webhooks;

/// <summary>A webhook receiver on a real Kestrel port: records every request and answers per a script (by request number, 1-based).</summary>
public sealed class Receiver : IAsyncDisposable
{
    public sealed record Request(int Number, string Id, string Timestamp, string Signature, string Body, int Answered);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();
    private int _count;

    public IReadOnlyList<Request> Requests => _requests.ToList();
    public string Url { get; private set; } = "";

    private Receiver(Func<int, string, int> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var number = Interlocked.Increment(ref _count);
            var status = script(number, body);
            _requests.Enqueue(new Request(number, http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body, status));
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(status < 300 ? "ok" : new string('x', 800));
        });
    }

    /// <summary>Starts a receiver; without a script every request gets 200.</summary>
    public static async Task<Receiver> StartAsync(Func<int, string, int>? script = null)
    {
        var receiver = new Receiver(script ?? ((_, _) => 200));
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
