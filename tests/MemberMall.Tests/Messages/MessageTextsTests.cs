using System.Text.RegularExpressions;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Messages;

/// <summary>The message center's texts exist in both languages, so no screen shows a bare resource key.</summary>
public partial class MessageTextsTests
{
    [GeneratedRegex("L\\[\"(Messages\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"\\]")]
    private static partial Regex LiteralKey();

    [Fact]
    public void Every_message_center_key_the_screens_name_exists_in_chinese_and_english()
    {
        var zh = SourceTree.ResourceKeys("SharedResource.resx");
        var en = SourceTree.ResourceKeys("SharedResource.en.resx");
        Assert.Equal(zh.Where(k => k.StartsWith("Messages.")).Order(), en.Where(k => k.StartsWith("Messages.")).Order());

        var screens = new[]
        {
            Path.Combine(SourceTree.App, "Components", "Site", "Messages", "MessagesPage.razor"),
            Path.Combine(SourceTree.App, "Components", "Layout", "MessageBadge.razor"),
        };
        var used = screens.SelectMany(p => LiteralKey().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.True(used.Count >= 5, $"Only {used.Count} keys found: the pattern no longer matches the screens.");
        var missing = used.Where(k => !zh.Contains(k) || !en.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing texts: " + string.Join(", ", missing));
    }
}
