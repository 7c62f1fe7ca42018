using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Platform;

/// <summary>The API document tells clients which problems an operation can answer, and with which codes.</summary>
public class OpenApiErrorTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Order_placement_and_mall_exchange_list_their_business_rule_problems_with_codes()
    {
        await using var app = await MallApp.StartAsync();
        var doc = (await app.Anonymous().GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;

        foreach (var (path, codes) in new[]
                 {
                     ("/api/orders", new[] { "points.insufficient", "stock.insufficient" }),
                     ("/api/points-mall/exchanges", new[] { "points.insufficient", "points_mall.out_of_stock" }),
                 })
        {
            var answers = doc["paths"]![path]!["post"]!["responses"]!;
            var rule = answers["422"] ?? throw new Xunit.Sdk.XunitException($"POST {path} lists no 422 answer.");
            var description = (string?)rule["description"] ?? "";
            foreach (var code in codes) Assert.Contains(code, description);
            AssertProblem(doc, rule, $"POST {path} 422");
            AssertProblem(doc, answers["400"] ?? throw new Xunit.Sdk.XunitException($"POST {path} lists no 400 answer."), $"POST {path} 400");
            Assert.NotNull(answers["401"]);
        }
    }

    [Fact]
    public async Task Every_api_operation_that_takes_a_body_lists_a_400_problem()
    {
        await using var app = await MallApp.StartAsync();
        var doc = (await app.Anonymous().GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;

        var withBody = 0;
        var missing = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/")))
        foreach (var method in Methods)
        {
            if (item![method] is not { } operation || operation["requestBody"] is null) continue;
            withBody++;
            if (operation["responses"]?["400"] is not { } bad) missing.Add($"{method.ToUpperInvariant()} {path}");
            else AssertProblem(doc, bad, $"{method.ToUpperInvariant()} {path} 400");
        }
        Assert.True(withBody > 30, $"Only {withBody} operations with a body were found; the document looks incomplete.");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_problem_schema_documents_the_stable_code()
    {
        await using var app = await MallApp.StartAsync();
        var doc = (await app.Anonymous().GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        var schemas = doc["components"]!["schemas"]!;
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var schema = schemas[name] ?? throw new Xunit.Sdk.XunitException($"No {name} schema in the document.");
            Assert.Equal("string", (string?)schema["properties"]?["code"]?["type"]);
            Assert.Contains("code", schema["required"]!.AsArray().Select(r => (string?)r));
        }
    }

    /// <summary>The answer is served as application/problem+json with a problem schema that has a <c>code</c>.</summary>
    private static void AssertProblem(JsonNode doc, JsonNode answer, string what)
    {
        var schema = answer["content"]?["application/problem+json"]?["schema"]
                     ?? throw new Xunit.Sdk.XunitException($"{what} is not an application/problem+json answer.");
        if ((string?)schema["$ref"] is { } reference)
            schema = doc["components"]!["schemas"]![reference.Split('/')[^1]]!;
        Assert.True(schema["properties"]?["code"] is not null, $"{what}: the problem schema has no code property.");
    }
}
