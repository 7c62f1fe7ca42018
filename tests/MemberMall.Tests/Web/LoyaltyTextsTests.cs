using System.Text.RegularExpressions;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

/// <summary>The loyalty screens' texts exist in both languages, so no screen shows a bare resource key.</summary>
public partial class LoyaltyTextsTests
{
    private static readonly string Source = SourceTree.App;

    [GeneratedRegex("L\\[\"(Loyalty\\.[A-Za-z0-9_.\\-]*[A-Za-z0-9_\\-])\"\\]")]
    private static partial Regex LiteralKey();

    [Fact]
    public void Every_loyalty_key_the_screens_name_exists_in_chinese_and_english()
    {
        var zh = SourceTree.ResourceKeys("SharedResource.resx");
        var en = SourceTree.ResourceKeys("SharedResource.en.resx");
        Assert.Equal(zh.Where(k => k.StartsWith("Loyalty.")).Order(), en.Where(k => k.StartsWith("Loyalty.")).Order());

        var pages = Directory.GetFiles(Path.Combine(Source, "Components", "Admin", "Loyalty"), "*.razor")
            .Append(Path.Combine(Source, "Components", "Layout", "AdminNav.razor"));
        var used = pages.SelectMany(p => LiteralKey().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .Concat(Regex.Matches(File.ReadAllText(Path.Combine(Source, "Components", "Layout", "AdminNav.razor")), "\"(Loyalty\\.Nav\\.[a-z-]+)\"").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(used.Count > 100, $"Only {used.Count} keys found: the pattern no longer matches the screens.");
        var missing = used.Where(k => !zh.Contains(k) || !en.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing texts: " + string.Join(", ", missing));
    }
}
