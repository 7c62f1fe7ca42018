using MemberMall.Infrastructure.Security;

namespace MemberMall.Features.Members;

public sealed record MemberListItem(
    Guid Id, string MemberNo, string? Name, string? Phone, string? Email, string Gender, IReadOnlyList<string> Tags,
    int OrderCount, decimal TotalSpend, DateTimeOffset? LastOrderAt, DateTimeOffset RegisteredAt);

public sealed record AddressView(Guid Id, string Name, string Phone, string Province, string City, string District, string Detail, bool IsDefault);

/// <summary>The member's consumption statistics; the favourite category is the one with the most spend net of refunds.</summary>
public sealed record MemberStats(int OrderCount, decimal TotalSpend, decimal AverageSpend, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt,
    CategoryRef? FavouriteCategory);

public sealed record CategoryRef(Guid Id, string Name);

public sealed record NoteView(Guid Id, string AuthorName, string Body, DateTimeOffset CreatedAt);

public sealed record MemberDetail(
    Guid Id, string MemberNo, string? Name, string? Phone, string? Email, string Gender, DateOnly? Birthday, string? AvatarUrl,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Tags, string ReferralCode, DateTimeOffset RegisteredAt,
    MemberStats Stats, IReadOnlyList<AddressView> Addresses, IReadOnlyList<NoteView> Notes, bool PiiMasked, long Version);

/// <summary>Decrypts personal data for display, masked unless the viewer may see it in full.</summary>
public sealed class PiiView(PiiProtector pii, bool unmasked)
{
    public bool Unmasked => unmasked;

    public string? Phone(string? cipher) => cipher is null ? null : Show(pii.Decrypt(cipher), ContactNormalizer.MaskPhone);
    public string? Email(string? cipher) => cipher is null ? null : Show(pii.Decrypt(cipher), ContactNormalizer.MaskEmail);
    public string Text(string cipher) => Show(pii.Decrypt(cipher), ContactNormalizer.MaskText);

    private string Show(string plain, Func<string, string> mask) => unmasked ? plain : mask(plain);

    public AddressView Address(Address a) =>
        new(a.Id, a.RecipientName, Phone(a.PhoneCipher)!, a.Province, a.City, a.District, Text(a.DetailCipher), a.IsDefault);

}
