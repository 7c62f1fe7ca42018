namespace MemberMall.Components.Shared;

/// <summary>
/// The unread-message badge's number for one circuit: the message center reports the count after a member reads, and the
/// badge in the header redraws, as <see cref="CartState"/> does for the cart.
/// </summary>
public sealed class MessageState
{
    public int? Unread { get; private set; }

    public event Action? Changed;

    public void Set(int unread)
    {
        if (Unread == unread) return;
        Unread = unread;
        Changed?.Invoke();
    }
}
