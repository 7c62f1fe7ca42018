using System.Text;

namespace MemberMall.Features.Messages;

/// <summary>Sends a text message to a phone. The development implementation is <see cref="FileMailbox"/>.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>Sends an e-mail. The development implementation is <see cref="FileMailbox"/>.</summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>
/// Development stand-in for an SMS and an e-mail provider: writes one file per message under
/// <c>&lt;data directory&gt;/outbox-mail/</c> for a developer to open. The log names the file only, never the phone
/// number, the address or the text.
/// </summary>
public sealed class FileMailbox(string directory, TimeProvider clock, ILogger<FileMailbox> logger) : ISmsSender, IEmailSender
{
    public string Directory { get; } = directory;

    public Task SendAsync(string phone, string text, CancellationToken ct) => WriteAsync("sms", $"To: {phone}\n\n{text}\n", ct);

    public Task SendAsync(string to, string subject, string body, CancellationToken ct) => WriteAsync("email", $"To: {to}\nSubject: {subject}\n\n{body}\n", ct);

    private async Task WriteAsync(string channel, string content, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{channel}-{Guid.CreateVersion7():N}.txt";
        await File.WriteAllTextAsync(Path.Combine(Directory, name), content, Encoding.UTF8, ct);
        logger.LogInformation("Development {Channel} message written to {File}", channel, name);
    }
}
