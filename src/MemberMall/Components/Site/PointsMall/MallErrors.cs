using MemberMall.Common;
using MemberMall.Components.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace MemberMall.Components.Site.PointsMall;

/// <summary>The points mall's refusals in words: its own texts live under <c>Mall.Error.</c>, the rest as elsewhere.</summary>
public static class MallErrors
{
    public static string Describe(IStringLocalizer localizer, DomainException error)
    {
        var text = localizer["Mall.Error." + error.Code];
        return text.ResourceNotFound ? DomainErrors.Describe(localizer, error) : text.Value;
    }

    /// <summary>Runs a write; on a broken rule shows the reason and returns false.</summary>
    public static async Task<bool> TryAsync(IStringLocalizer localizer, ISnackbar snackbar, Func<Task> work, string successText)
    {
        try
        {
            await work();
            snackbar.Add(successText, Severity.Success);
            return true;
        }
        catch (DomainException e)
        {
            snackbar.Add(Describe(localizer, e), Severity.Error);
        }
        catch (DbUpdateConcurrencyException)
        {
            snackbar.Add(localizer["Error.concurrency.stale"], Severity.Error);
        }
        return false;
    }
}
