using MemberMall.Common;

namespace MemberMall.Features.Members;

public enum Gender { Unknown, Male, Female }

/// <summary>
/// A member (会员). Phone and e-mail are stored encrypted with a keyed hash beside them for exact
/// look-up; the consumption statistics are kept current by the order flow and read by the admin list.
/// </summary>
public class Member
{
    public Guid Id { get; init; }
    public string MemberNo { get; init; } = "";
    public string? Name { get; private set; }
    /// <summary>Lower-cased name for prefix search.</summary>
    public string? SearchName { get; private set; }
    public Gender Gender { get; private set; }
    public DateOnly? Birthday { get; private set; }
    public string? AvatarUrl { get; private set; }
    public List<string> Interests { get; private set; } = [];

    public string? PhoneCipher { get; private set; }
    public string? PhoneHash { get; private set; }
    public string? EmailCipher { get; private set; }
    public string? EmailHash { get; private set; }

    public string ReferralCode { get; init; } = "";
    public string? ReferredByCode { get; init; }
    /// <summary>Keyed hash of the device the member registered from, to spot self-referrals.</summary>
    public string? DeviceHash { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public int OrderCount { get; private set; }
    public long TotalSpendFen { get; private set; }
    public DateTimeOffset? FirstOrderAt { get; private set; }
    public DateTimeOffset? LastOrderAt { get; private set; }
    public Guid? FavouriteCategoryId { get; private set; }

    public long Version { get; private set; }

    public List<MemberTag> Tags { get; private set; } = [];
    public List<Address> Addresses { get; private set; } = [];
    /// <summary>What the member spent per category, read with the member when an order is paid or refunded.</summary>
    public List<MemberCategorySpend> CategorySpends { get; private set; } = [];

    public void SetContact(string? phoneCipher, string? phoneHash, string? emailCipher, string? emailHash)
    {
        if (phoneHash is null && emailHash is null)
            throw new DomainException("member.contact_required", "A member needs a phone number or an e-mail address.");
        (PhoneCipher, PhoneHash, EmailCipher, EmailHash) = (phoneCipher, phoneHash, emailCipher, emailHash);
        Touch();
    }

    public void UpdateProfile(string? name, Gender gender, DateOnly? birthday, string? avatarUrl, IEnumerable<string> interests, DateOnly today)
    {
        if (birthday is { } b && (b > today || b < today.AddYears(-130)))
            throw new DomainException("member.birthday_invalid", "The birthday must be a real date in the past.");
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        SearchName = Name?.ToLowerInvariant();
        Gender = gender;
        Birthday = birthday;
        AvatarUrl = string.IsNullOrWhiteSpace(avatarUrl) ? null : avatarUrl.Trim();
        Interests = interests.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().Take(20).ToList();
        Touch();
    }

    /// <summary>Records a paid order in the consumption statistics.</summary>
    public void RecordPurchase(long amountFen, DateTimeOffset at)
    {
        if (amountFen < 0) throw new DomainException("member.purchase_negative", "A purchase amount cannot be negative.");
        OrderCount++;
        TotalSpendFen += amountFen;
        FirstOrderAt ??= at;
        if (LastOrderAt is null || at > LastOrderAt) LastOrderAt = at;
        Touch();
    }

    /// <summary>Money refunded comes off the total spend; the order still counts as placed.</summary>
    public void RecordRefund(long amountFen)
    {
        if (amountFen < 0) throw new DomainException("member.refund_negative", "A refund amount cannot be negative.");
        TotalSpendFen = Math.Max(0, TotalSpendFen - amountFen);
        Touch();
    }

    public void SetFavouriteCategory(Guid? categoryId)
    {
        if (FavouriteCategoryId == categoryId) return;
        FavouriteCategoryId = categoryId;
        Touch();
    }

    private void Touch() => Version++;
}

public class Tag
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Name { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public class MemberTag
{
    public Guid MemberId { get; init; }
    public Guid TagId { get; init; }
    public Tag? Tag { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A staff note on a member; notes are added, never edited.</summary>
public class MemberNote : IAppendOnly
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
