using System.Security.Claims;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace MemberMall.Features.Accounts;

/// <summary>Signing in and out of the admin console and the member site, which use the session cookie.</summary>
public static class CookieAuth
{
    public static Task SignInAsync(HttpContext http, LoginResult login)
    {
        var account = login.Account;
        var principal = SessionTokens.Principal(account.Id, account.Kind, account.StaffRole, account.DisplayName, login.Session.Id, AuthSetup.Cookie);
        return http.SignInAsync(AuthSetup.Cookie, principal);
    }

    /// <summary>A return address is followed only when it stays on this site.</summary>
    public static string SafeReturnUrl(string? returnUrl, string fallback) =>
        IsLocal(returnUrl) ? returnUrl! : fallback;

    // Browsers drop tabs and line breaks inside URLs, so "/\t/evil.example" would become "//evil.example".
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary><c>POST /logout</c> and <c>POST /admin/logout</c>: revoke the session, drop the cookie.</summary>
    internal static IEndpointRouteBuilder MapCookieLogout(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", (HttpContext http, SessionTokens tokens, MallDb db, IAntiforgery antiforgery) =>
            LogoutAsync(http, tokens, db, antiforgery, "/")).ExcludeFromDescription();
        app.MapPost("/admin/logout", (HttpContext http, SessionTokens tokens, MallDb db, IAntiforgery antiforgery) =>
            LogoutAsync(http, tokens, db, antiforgery, "/admin/login")).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SessionTokens tokens, MallDb db, IAntiforgery antiforgery, string next)
    {
        // Without a form-bound parameter the endpoint must check the token itself, or any site could sign users out.
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        if (Guid.TryParse(http.User.FindFirstValue(SessionTokens.ClaimSession), out var sessionId))
        {
            await tokens.RevokeAsync(sessionId, http.RequestAborted);
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await http.SignOutAsync(AuthSetup.Cookie);
        return Results.LocalRedirect(next);
    }
}
