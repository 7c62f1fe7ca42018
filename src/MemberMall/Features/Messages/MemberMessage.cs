namespace MemberMall.Features.Messages;

/// <summary>
/// A message in a member's message center (站内信), made from one outbox event. It keeps the kind and the event's
/// parameters, not finished text: the title and body are rendered in the reader's language when read
/// (<see cref="MessageTemplates"/>). (<see cref="SourceId"/>, <see cref="MemberId"/>) is unique, so an event handed over
/// twice makes one message.
/// </summary>
public class MemberMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    /// <summary>The outbox row the message was made from.</summary>
    public Guid SourceId { get; init; }
    public string Kind { get; init; } = "";
    /// <summary>The template's parameters as a JSON object of strings.</summary>
    public string Parameters { get; init; } = "{}";
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Marks the message read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
