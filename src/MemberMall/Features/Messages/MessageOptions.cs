namespace MemberMall.Features.Messages;

public sealed class MessageOptions
{
    /// <summary>Days a read message is kept before <c>messages.purge</c> deletes it; unread ones stay.</summary>
    public int RetentionDays { get; set; } = 180;
}
