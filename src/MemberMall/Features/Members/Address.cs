namespace MemberMall.Features.Members;

/// <summary>An address-book entry. The recipient's phone and the street detail are encrypted.</summary>
public class Address
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public string RecipientName { get; set; } = "";
    public string PhoneCipher { get; set; } = "";
    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string District { get; set; } = "";
    public string DetailCipher { get; set; } = "";
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
