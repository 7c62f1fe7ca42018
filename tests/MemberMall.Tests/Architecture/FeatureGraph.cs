using Mono.Cecil;

namespace MemberMall.Tests.Architecture;

/// <summary>
/// Which feature refers to which: features are the namespaces one level below <c>root</c> (<c>MemberMall.Features.Orders</c>
/// and everything under it is "Orders"). Each arrow keeps a few of the references that make it, to show in a failure.
/// </summary>
public sealed class FeatureGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Features => _edges.Keys.Concat(_edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();

    public IEnumerable<(string From, string To)> Edges =>
        _edges.SelectMany(e => e.Value.Keys.Select(to => (e.Key, to))).OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.to, StringComparer.Ordinal);

    public bool HasEdge(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    public IReadOnlyCollection<string> Evidence(string from, string to) => _edges[from][to];

    public void Add(string from, string to, string evidence)
    {
        if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
        if (!targets.TryGetValue(to, out var examples)) targets[to] = examples = new(StringComparer.Ordinal);
        if (examples.Count < 5) examples.Add(evidence);
    }

    public FeatureGraph Without(IEnumerable<(string From, string To)> edges)
    {
        var skip = edges.ToHashSet();
        var copy = new FeatureGraph();
        foreach (var (from, targets) in _edges)
            foreach (var (to, examples) in targets)
                if (!skip.Contains((from, to)))
                    foreach (var e in examples) copy.Add(from, to, e);
        return copy;
    }

    public static FeatureGraph Read(string assemblyPath, string root)
    {
        var graph = new FeatureGraph();
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.Types)
        {
            if (FeatureOf(type.Namespace, root) is not { } from) continue;
            foreach (var reference in TypeReferences.Of(type))
            {
                var target = TypeReferences.Outermost(reference);
                if (FeatureOf(target.Namespace, root) is { } to && to != from)
                    graph.Add(from, to, $"{type.FullName} -> {target.FullName}");
            }
        }
        return graph;
    }

    private static string? FeatureOf(string? ns, string root) =>
        ns is not null && ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;

    /// <summary>
    /// One cycle for each group of features that reach each other (Tarjan's strongly connected components), as the path
    /// <c>A -> B -> ... -> A</c>; none when the arrows all point one way.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<List<string>>();
        var next = 0;

        IEnumerable<string> Targets(string node) =>
            _edges.TryGetValue(node, out var t) ? t.Keys.Order(StringComparer.Ordinal) : [];

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in Targets(node))
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
            }
            if (low[node] != index[node]) return;
            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                group.Add(member);
            } while (member != node);
            if (group.Count > 1) groups.Add(group);
        }

        foreach (var node in Features)
            if (!index.ContainsKey(node)) Visit(node);

        return groups.Select(g => PathThrough(g.Order(StringComparer.Ordinal).ToList(), Targets)).ToList();
    }

    /// <summary>A shortest way from the group's first feature back to itself, staying inside the group.</summary>
    private static IReadOnlyList<string> PathThrough(List<string> group, Func<string, IEnumerable<string>> targets)
    {
        var start = group[0];
        var inGroup = group.ToHashSet();
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var target in targets(node).Where(inGroup.Contains))
            {
                if (target == start)
                {
                    var path = new List<string>();
                    for (var at = node; at != start; at = cameFrom[at]) path.Add(at);
                    path.Add(start);
                    path.Reverse();
                    path.Add(start);
                    return path;
                }
                if (cameFrom.TryAdd(target, node)) queue.Enqueue(target);
            }
        }
        throw new InvalidOperationException("A strongly connected group always has a cycle.");
    }
}
