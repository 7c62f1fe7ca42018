using MemberMall.Common;
using Microsoft.Extensions.Localization;

namespace MemberMall.Components.Shared;

/// <summary>Turns a broken rule into words for the screen: the localized text for its code when there is one.</summary>
public static class DomainErrors
{
    private static readonly string[] Prefixes = ["Error.", "Loyalty.Error."];

    public static string Describe(IStringLocalizer localizer, DomainException error)
    {
        // Loyalty codes keep their texts together under the Loyalty block of the resources.
        foreach (var prefix in Prefixes)
        {
            var text = localizer[prefix + error.Code];
            if (!text.ResourceNotFound) return text.Value;
        }
        if (error is RequestValidationException invalid)
            return string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        return error.Message;
    }
}
