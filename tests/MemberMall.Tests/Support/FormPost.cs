using System.Net;
using System.Text.RegularExpressions;

namespace MemberMall.Tests.Support;

/// <summary>Posts a statically rendered Blazor form the way a browser would: the form name and antiforgery token from the page, then the fields.</summary>
public static partial class FormPost
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, string formName, Dictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        var body = new Dictionary<string, string>(fields) { ["_handler"] = formName, ["__RequestVerificationToken"] = token };
        return await client.PostAsync(page, new FormUrlEncodedContent(body));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string page, string login, string password, string formName = "admin-login") =>
        client.SubmitAsync(page, formName, new() { ["Input.Login"] = login, ["Input.Password"] = password });

    /// <summary>Where a redirect points, as path and query, whether the server wrote it absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
