namespace MemberMall.Infrastructure;

/// <summary>
/// The headers every answer carries. The content security policy allows what the Blazor pages load: their own scripts
/// (blazor.web.js, MudBlazor's), their own stylesheets plus the inline styles MudBlazor's components and theme write,
/// pictures from anywhere over https (product photos may sit on a CDN), and the circuit's WebSocket back to this host.
/// Nothing inline runs as script, nothing is framed by another site, no form posts elsewhere. The API reference at
/// /docs is Scalar's page, which configures itself with an inline script and loads its fonts from its CDN, so it
/// alone gets a looser policy.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline' https:; img-src 'self' data: https:; " +
        "font-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "SAMEORIGIN";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") ? DocsPolicy : Policy;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
