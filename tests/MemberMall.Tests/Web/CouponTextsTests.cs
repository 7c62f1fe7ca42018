using System.Text.RegularExpressions;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

/// <summary>The coupon screens' texts exist in both languages, so no screen shows a bare resource key.</summary>
public partial class CouponTextsTests
{
    [GeneratedRegex("L\\[\"(Coupon\\.[A-Za-z0-9_.\\-]*[A-Za-z0-9_\\-])\"")]
    private static partial Regex LiteralKey();

    [Fact]
    public void Every_coupon_key_the_screens_name_exists_in_chinese_and_english()
    {
        var zh = SourceTree.ResourceKeys("SharedResource.resx");
        var en = SourceTree.ResourceKeys("SharedResource.en.resx");
        Assert.Equal(zh.Where(k => k.StartsWith("Coupon.")).Order(), en.Where(k => k.StartsWith("Coupon.")).Order());

        var components = Path.Combine(SourceTree.App, "Components");
        var used = Directory.GetFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(p => LiteralKey().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .Concat(["Coupon.Admin.Title"])
            .Concat(new[] { "draft", "published", "stopped" }.Select(s => "Coupon.Admin.Status." + s))
            .Concat(new[] { "available", "reserved", "used", "expired" }.Select(s => "Coupon.Status." + s))
            .Concat(new[] { "available", "used", "expired" }.Select(s => "Coupon.Tab." + s))
            .Concat(new[] { "amount", "threshold", "percent", "free_shipping" }.Select(s => "Coupon.Kind." + s))
            .ToHashSet();
        Assert.True(used.Count > 60, $"Only {used.Count} keys found: the pattern no longer matches the screens.");
        var missing = used.Where(k => !zh.Contains(k) || !en.Contains(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing texts: " + string.Join(", ", missing));
    }
}
