namespace MemberMall.Components.Shared;

/// <summary>
/// The cart badge's number for one circuit. Pages that change the cart report the new count here and the
/// badge in the layout redraws; without it the badge would show the count from the first page load.
/// </summary>
public sealed class CartState
{
    public int? Count { get; private set; }

    public event Action? Changed;

    public void Set(int count)
    {
        if (Count == count) return;
        Count = count;
        Changed?.Invoke();
    }
}
