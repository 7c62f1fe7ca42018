using System.Security.Claims;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberMall.Components.Shared;

/// <summary>
/// What the admin and member screens share: the signed-in user, the shop's time zone, texts, and running a
/// use case in its own DI scope with domain errors turned into a snackbar message.
/// </summary>
public abstract class MallComponent : ComponentBase
{
    [Inject] protected IStringLocalizer<SharedResource> L { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [CascadingParameter] private ClientInfo? Client { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();
    protected TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    protected Guid UserId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
    protected Actor Actor => Actor.From(User, Client?.Ip, Client?.UserAgent);
    protected bool Can(string permission) => User.Has(permission);

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null) User = (await AuthState).User;
        Zone = (await Use<ShopSettingsService, ShopSettings>(s => s.GetAsync(CancellationToken.None))).Zone;
        await OnLoadAsync();
    }

    /// <summary>Loads the screen's data once the user and time zone are known.</summary>
    protected virtual Task OnLoadAsync() => Task.CompletedTask;

    // A circuit lives for minutes and its components may work at the same time; a DbContext shared across
    // them would fail on overlap and keep stale tracked rows after a failed save, so each use case gets a scope.
    protected async Task<T> Use<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected async Task Use<TService>(Func<TService, Task> work) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Runs a write; on a broken rule shows the reason and returns false instead of throwing.</summary>
    protected async Task<bool> TryAsync(Func<Task> work, string? successText = null)
    {
        try
        {
            await work();
            if (successText is not null) Snackbar.Add(successText, Severity.Success);
            return true;
        }
        catch (DomainException e)
        {
            Snackbar.Add(DomainErrors.Describe(L, e), Severity.Error);
        }
        catch (DbUpdateConcurrencyException)
        {
            Snackbar.Add(L["Error.concurrency.stale"], Severity.Error);
        }
        return false;
    }

    protected string At(DateTimeOffset? at) => Format.At(at, Zone);
}
