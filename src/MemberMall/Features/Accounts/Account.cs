using Microsoft.AspNetCore.Identity;

namespace MemberMall.Features.Accounts;

public enum AccountKind { Member, Staff }

/// <summary>
/// A login: a member or a staff user. Password hashing and lockout are ASP.NET Core Identity's.
/// A member's phone and e-mail live encrypted on <see cref="Members.Member"/>; Identity's own plain
/// e-mail and phone columns stay empty.
/// </summary>
public class Account : IdentityUser<Guid>
{
    public AccountKind Kind { get; set; }

    /// <summary>The staff role (see <see cref="Roles"/>); null for members.</summary>
    public string? StaffRole { get; set; }

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public static string MemberUserName(string memberNo) => "m." + memberNo;
}
