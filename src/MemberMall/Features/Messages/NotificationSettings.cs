using System.ComponentModel.DataAnnotations;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Messages;

/// <summary>A member's channels: <c>site</c> is always on.</summary>
public sealed record PreferencesView(bool Site, bool Sms, bool Email, bool MarketingConsent, DateTimeOffset? MarketingConsentChangedAt);

public sealed record PreferencesInput([property: Required] bool? Sms, [property: Required] bool? Email, [property: Required] bool? MarketingConsent);

/// <summary>Reads and changes a member's notification preferences.</summary>
public sealed class NotificationSettings(MallDb db, TimeProvider clock)
{
    public async Task<PreferencesView> GetAsync(Guid memberId, CancellationToken ct) =>
        View(await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, ct) ?? new NotificationPreferences { MemberId = memberId });

    public async Task<PreferencesView> UpdateAsync(Guid memberId, PreferencesInput input, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(ct);
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (row is null) db.NotificationPreferences.Add(row = new NotificationPreferences { MemberId = memberId });
        row.Update(input.Sms!.Value, input.Email!.Value, input.MarketingConsent!.Value, clock.GetUtcNow());
        await work.SaveAndCommitAsync(ct);
        return View(row);
    }

    private static PreferencesView View(NotificationPreferences p) => new(true, p.Sms, p.Email, p.MarketingConsent, p.MarketingConsentChangedAt);
}
