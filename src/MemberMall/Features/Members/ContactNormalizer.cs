using System.Net.Mail;
using System.Text.RegularExpressions;

namespace MemberMall.Features.Members;

/// <summary>Normalises and validates phone numbers and e-mail addresses before they are hashed.</summary>
public static partial class ContactNormalizer
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex ChineseMobile();

    /// <summary>Returns the 11-digit mainland mobile number, or null when the input is not one.</summary>
    public static string? NormalizePhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = new string(raw.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '(' && c != ')').ToArray());
        if (digits.StartsWith("+86")) digits = digits[3..];
        else if (digits.StartsWith("0086")) digits = digits[4..];
        else if (digits.StartsWith("86") && digits.Length == 13) digits = digits[2..];
        return ChineseMobile().IsMatch(digits) ? digits : null;
    }

    public static string? NormalizeEmail(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var trimmed = raw.Trim().ToLowerInvariant();
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || !trimmed.Contains('.', StringComparison.Ordinal) || trimmed.EndsWith('.'))
            return null;
        return trimmed;
    }

    public static bool LooksLikeEmail(string login) => login.Contains('@');

    public static string MaskPhone(string phone) =>
        phone.Length >= 7 ? phone[..3] + "****" + phone[^4..] : new string('*', phone.Length);

    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        if (at <= 0) return "***";
        return email[..1] + "***" + email[at..];
    }

    public static string MaskText(string text) =>
        text.Length <= 2 ? new string('*', text.Length) : text[..2] + new string('*', Math.Min(text.Length - 2, 6));
}
