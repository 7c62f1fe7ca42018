using System.Text.RegularExpressions;
using MemberMall.Features.Audit;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Web;

/// <summary>The audit screen offers every action the code records, and names each action and object in both languages.</summary>
public partial class AuditTextsTests
{
    // audit.Record(actor, "product.create", "product", … and audit.Record(actor, cond ? "a.b" : "a.c", "kind", …
    [GeneratedRegex("""\.Record\([^;]*?(?:"(?<action>[a-z_.]+)"\s*(?::\s*"(?<other>[a-z_.]+)"\s*)?),\s*"(?<entity>[a-z_]+)"\s*,""")]
    private static partial Regex RecordCall();

    [Fact]
    public void Every_recorded_action_and_object_is_offered_and_named_in_chinese_and_english()
    {
        var calls = Directory.GetFiles(Path.Combine(SourceTree.App, "Features"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => RecordCall().Matches(File.ReadAllText(f))).ToList();
        var actions = calls.SelectMany(m => new[] { m.Groups["action"].Value, m.Groups["other"].Value }).Where(a => a.Length > 0).ToHashSet();
        var entities = calls.Select(m => m.Groups["entity"].Value).ToHashSet();
        Assert.True(actions.Count >= 25 && entities.Count >= 10, $"Only {actions.Count} actions and {entities.Count} objects found: the pattern no longer matches the code.");
        Assert.Contains("withdrawal.reject", actions);

        Assert.Empty(actions.Except(AuditActions.All).Order());
        Assert.Empty(entities.Except(AuditActions.EntityTypes).Order());
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = SourceTree.ResourceKeys(file);
            var missing = AuditActions.All.Select(a => "Audit.Action." + a).Concat(AuditActions.EntityTypes.Select(e => "Audit.Entity." + e)).Except(keys);
            Assert.Empty(missing);
        }
    }
}
