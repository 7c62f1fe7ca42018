using System.Text;
using MemberMall.Infrastructure;
using Mono.Cecil;

namespace MemberMall.Tests.Architecture;

public class ArchitectureTests
{
    private const string Features = "MemberMall.Features";

    /// <summary>
    /// Arrows that still close a cycle, each a known debt with the code that makes it. The check fails on any other
    /// cycle, and fails once one of these arrows is gone, so the list only shrinks. The intended order, from the
    /// bottom: Accounts, Members, Catalog, Stock, Points, Tiers, Rebates, Pricing, Cart, Engagement, Payments, Orders,
    /// AfterSales; every arrow here points up it.
    /// </summary>
    private static readonly (string From, string To)[] KnownCycleArrows =
    [
        ("Accounts", "Members"),   // LoginService finds the member by phone or e-mail
        ("Members", "Catalog"),    // ConsumptionStats names the favourite category
        ("Members", "Orders"),     // ConsumptionStats records paid and refunded orders
        ("Members", "Points"),     // MemberProfile, MemberRead, ConsumptionStats, Registration's sign-up points
        ("Members", "Rebates"),    // MemberProfile shows the rebate balance
        ("Members", "Tiers"),      // MemberProfile, ConsumptionStats, MemberSearch read the member's tier
        ("Catalog", "Stock"),      // CatalogAdmin receives and adjusts stock
        ("Catalog", "Tiers"),      // CatalogQueries prices the product page at the member's tier
        ("Points", "Orders"),      // OrderPoints takes the order and its lines; PointsNotes formats like OrderNotes
        ("Tiers", "Orders"),       // TierService sums paid orders for the spend metric
        ("Rebates", "Orders"),     // RebateService accrues and claws back per order line
        ("Engagement", "Orders"),  // Referrals reward a referred member's first completed order
        ("Orders", "AfterSales"),  // OrderQueries shows an order's after-sales requests
    ];

    [Fact]
    public void Features_call_each_other_one_way()
    {
        var graph = FeatureGraph.Read(typeof(MallDb).Assembly.Location, Features);

        var gone = KnownCycleArrows.Where(a => !graph.HasEdge(a.From, a.To)).ToList();
        Assert.True(gone.Count == 0, "These arrows are gone; take them off KnownCycleArrows: " + string.Join(", ", gone.Select(a => $"{a.From} -> {a.To}")));

        var rest = graph.Without(KnownCycleArrows);
        var cycles = rest.Cycles();
        Assert.True(cycles.Count == 0, Describe(rest, cycles));
    }

    [Fact]
    public void The_cycle_check_finds_a_deliberate_cycle()
    {
        // Fixture.Features.A refers to B in a field's type, B to A only inside a method body.
        var graph = FeatureGraph.Read(typeof(Fixture.Features.A.Alpha).Assembly.Location, "Fixture.Features");

        Assert.True(graph.HasEdge("A", "B"));
        Assert.True(graph.HasEdge("B", "A"));
        Assert.False(graph.HasEdge("C", "A"));
        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["A", "B", "A"], cycle);
        Assert.Contains("Fixture.Features.B.Beta -> Fixture.Features.A.Alpha", graph.Evidence("B", "A"));
        Assert.Contains("A -> B -> A", Describe(graph, graph.Cycles()));

        Assert.Empty(graph.Without([("B", "A")]).Cycles());
    }

    [Fact]
    public void Cycles_are_found_through_several_features()
    {
        var graph = new FeatureGraph();
        graph.Add("Orders", "Points", "Orders.OrderActions -> Points.OrderPoints");
        graph.Add("Points", "Tiers", "Points.OrderPoints -> Tiers.TierService");
        graph.Add("Tiers", "Orders", "Tiers.TierService -> Orders.Order");
        graph.Add("Orders", "Stock", "Orders.OrderActions -> Stock.StockService");
        graph.Add("Stock", "Catalog", "Stock.StockService -> Catalog.Product");

        Assert.Equal(["Orders", "Points", "Tiers", "Orders"], Assert.Single(graph.Cycles()));
        Assert.Empty(graph.Without([("Tiers", "Orders")]).Cycles());
    }

    /// <summary>
    /// Entities are the CLR types the EF model maps. Their code, nested types included, refers to nothing in an EF Core
    /// or ASP.NET Core assembly: mapping lives in the feature's XxxConfig.cs. (Account's base, IdentityUser, is
    /// declared in Microsoft.Extensions.Identity.Stores, a plain library, and passes.)
    /// </summary>
    [Fact]
    public void Entities_use_neither_EF_Core_nor_ASP_NET_Core()
    {
        using var db = new SqliteMallDbDesignFactory().CreateDbContext([]);
        var entityTypes = db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Assembly == typeof(MallDb).Assembly).Distinct().ToList();
        Assert.NotEmpty(entityTypes);

        using var assembly = AssemblyDefinition.ReadAssembly(typeof(MallDb).Assembly.Location);
        var offences = new List<string>();
        foreach (var clrType in entityTypes)
        {
            var type = assembly.MainModule.GetType(clrType.FullName!.Replace('+', '/')) ?? throw new InvalidOperationException($"{clrType} not found by Cecil.");
            offences.AddRange(TypeReferences.Of(type).Select(TypeReferences.Outermost).Where(Forbidden)
                .Select(r => $"{clrType.FullName} uses {r.FullName} ({r.Scope.Name})").Distinct());
        }
        Assert.True(offences.Count == 0, "Entities must not use EF Core or ASP.NET Core:\n" + string.Join("\n", offences));
    }

    private static bool Forbidden(TypeReference type)
    {
        var assembly = type.Scope switch { AssemblyNameReference a => a.Name, _ => "" };
        return assembly.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
               || assembly.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
               || type.Namespace.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);
    }

    private static string Describe(FeatureGraph graph, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder("Features must call each other one way. Cycles:\n");
        foreach (var cycle in cycles)
        {
            text.AppendLine("  " + string.Join(" -> ", cycle));
            for (var i = 0; i < cycle.Count - 1; i++)
                foreach (var e in graph.Evidence(cycle[i], cycle[i + 1])) text.AppendLine("      " + e);
        }
        return text.ToString();
    }
}
