using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MemberMall.Bench;

/// <summary>The admin member search over one kept-alive HTTP connection, signed in as <c>admin</c>.</summary>
public sealed class AdminApi(HttpClient http) : IDisposable
{
    public static async Task<AdminApi> SignInAsync(Uri baseAddress, string password, CancellationToken ct)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("api/auth/login", new { login = "admin", password }, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"Admin sign-in failed ({(int)response.StatusCode}). A database made by another run keeps that run's admin password: pass --admin-password.");
        var token = (await response.Content.ReadFromJsonAsync<JsonNode>(ct))!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AdminApi(http);
    }

    /// <summary>GETs a member list page; anything but 200 stops the benchmark.</summary>
    public async Task<JsonNode> ListAsync(string query, CancellationToken ct)
    {
        using var response = await http.GetAsync("api/admin/members" + query, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET /api/admin/members{query} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose() => http.Dispose();
}
