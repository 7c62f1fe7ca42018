using MemberMall.Features.Catalog;

namespace MemberMall.Components.Shared;

/// <summary>The category tree as a flat, indented list for a select box.</summary>
public static class CategoryOptions
{
    public sealed record Option(Guid Id, string Name, int Depth, Guid? ParentId)
    {
        public string Indented => new string('　', Depth) + Name;
    }

    public static IEnumerable<Option> Flatten(IEnumerable<CategoryNode> nodes, int depth = 0, Guid? parentId = null)
    {
        foreach (var node in nodes)
        {
            yield return new Option(node.Id, node.Name, depth, parentId);
            foreach (var child in Flatten(node.Children, depth + 1, node.Id)) yield return child;
        }
    }

    /// <summary>The ids under <paramref name="id"/> (itself included): a category cannot move below any of them.</summary>
    public static HashSet<Guid> Subtree(IEnumerable<CategoryNode> nodes, Guid id)
    {
        var result = new HashSet<Guid>();
        void Walk(IEnumerable<CategoryNode> level, bool inside)
        {
            foreach (var node in level)
            {
                var mine = inside || node.Id == id;
                if (mine) result.Add(node.Id);
                Walk(node.Children, mine);
            }
        }
        Walk(nodes, false);
        return result;
    }
}
