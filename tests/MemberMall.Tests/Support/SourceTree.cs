using System.Xml.Linq;

namespace MemberMall.Tests.Support;

/// <summary>The app's source folder as checked out, for tests that hold the screens' texts against the code.</summary>
public static class SourceTree
{
    /// <summary>The repository's root, where MemberMall.slnx is.</summary>
    public static readonly string Root = Find();

    public static readonly string App = Path.Combine(Root, "src", "MemberMall");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MemberMall.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MemberMall.slnx not found above the test binaries.");
    }

    /// <summary>The names of the texts in one resource file: SharedResource.resx (Chinese) or SharedResource.en.resx.</summary>
    public static HashSet<string> ResourceKeys(string file) =>
        XDocument.Load(Path.Combine(App, "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
}
