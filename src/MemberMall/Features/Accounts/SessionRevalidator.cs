using System.Security.Claims;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace MemberMall.Features.Accounts;

/// <summary>
/// An interactive screen keeps its circuit open long after the cookie was checked; this re-checks the
/// session every minute so logout elsewhere, revocation or disabling ends an open admin screen too.
/// </summary>
public sealed class SessionRevalidator(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (!Guid.TryParse(state.User.FindFirstValue(SessionTokens.ClaimSession), out var sessionId)) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        return await AuthSetup.IsSessionActiveAsync(db, sessionId, now, ct);
    }
}
