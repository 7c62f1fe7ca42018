using System.ComponentModel.DataAnnotations;

namespace MemberMall.Common;

/// <summary>Bounds every text inside a list (interests, tags, photo links): each one present and at most <paramref name="max"/> characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class EachLengthAttribute(int max) : ValidationAttribute($"Each entry is 1 to {max} characters.")
{
    public int Max { get; } = max;

    public override bool IsValid(object? value) =>
        value is not IEnumerable<string?> items || items.All(i => !string.IsNullOrWhiteSpace(i) && i.Length <= Max);
}

/// <summary>Refuses a list with an empty entry (<c>[null, {...}]</c>): each line of an order or a request must be there.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class NoEmptyEntriesAttribute() : ValidationAttribute("A list may not hold empty entries.")
{
    public override bool IsValid(object? value) => value is not System.Collections.IEnumerable items || items.Cast<object?>().All(i => i is not null);
}
