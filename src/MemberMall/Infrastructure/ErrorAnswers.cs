using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MemberMall.Infrastructure;

/// <summary>The stable problem codes an endpoint can answer with under one status.</summary>
public sealed record ErrorCodes(int Status, IReadOnlyList<string> Codes);

/// <summary>
/// Endpoints declare their error answers, so the OpenAPI document lists them beside the 200: each is a problem
/// (RFC 9457) carrying a stable <c>code</c>, and 400 also carries field errors. <see cref="ProducesError{TBuilder}"/>
/// names what a handler's own rules raise; <see cref="ProducesCommonErrors{TBuilder}"/> adds what follows from an
/// endpoint's shape alone, so no route can forget it.
/// </summary>
public static class ErrorAnswers
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>Declares problem answers under these statuses.</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(b =>
        {
            foreach (var status in statuses) Declare(b.Metadata, status);
        });
        return builder;
    }

    /// <summary>Declares a problem answer under <paramref name="status"/> and the codes it carries.</summary>
    public static TBuilder ProducesError<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(b =>
        {
            Declare(b.Metadata, status);
            b.Metadata.Add(new ErrorCodes(status, codes));
        });
        return builder;
    }

    /// <summary>
    /// On every endpoint beneath: a body can be unreadable or invalid (400), a protected route refuses strangers and
    /// the unpermitted (401, 403), a route value can name nothing (404), and a write can lose a race (409, see
    /// <see cref="ErrorHandler"/>).
    /// </summary>
    public static TBuilder ProducesCommonErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(b =>
        {
            var metadata = b.Metadata;
            if (metadata.OfType<IAcceptsMetadata>().Any())
                Common(metadata, 400, "validation.failed", "request.malformed");
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                Common(metadata, 401, "auth.unauthenticated");
                Common(metadata, 403, "auth.forbidden");
            }
            if (b is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
                Common(metadata, 404);
            if (metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(h => !HttpMethods.IsGet(h))))
                Common(metadata, 409, "concurrency.stale");
        });
        return builder;
    }

    private static void Common(IList<object> metadata, int status, params string[] codes)
    {
        Declare(metadata, status);
        if (codes.Length > 0) metadata.Add(new ErrorCodes(status, codes));
    }

    private static void Declare(IList<object> metadata, int status)
    {
        if (metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status)) return;
        metadata.Add(new ProducesResponseTypeMetadata(status, status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ProblemJson));
    }

    /// <summary>Shows the <c>code</c> on the problem schemas and each operation's codes in its answers' descriptions.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Stable dotted code (points.insufficient, order.not_found); clients branch on it, never on the text.",
                };
                schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the logs." };
                schema.Required ??= new HashSet<string>();
                schema.Required.Add("code");
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var status in context.Description.ActionDescriptor.EndpointMetadata.OfType<ErrorCodes>().GroupBy(c => c.Status))
            {
                if (operation.Responses?.GetValueOrDefault(status.Key.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response) continue;
                var codes = $"Codes: {string.Join(", ", status.SelectMany(c => c.Codes).Distinct().Select(c => $"`{c}`"))}.";
                response.Description = string.IsNullOrEmpty(response.Description) ? codes : $"{response.Description.TrimEnd('.')}. {codes}";
            }
            return Task.CompletedTask;
        });
    }
}
