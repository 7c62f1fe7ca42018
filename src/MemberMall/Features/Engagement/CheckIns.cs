using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Features.Points;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Engagement;

/// <summary>One daily check-in: once per member per shop-day (the key makes it so).</summary>
public class CheckIn
{
    public Guid MemberId { get; init; }
    public DateOnly Day { get; init; }
    public int Streak { get; init; }
    public long Points { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public class CheckInConfig : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.ToTable("check_ins");
        b.HasKey(c => new { c.MemberId, c.Day });
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record CheckInResult(long PointsAwarded, int Streak, DateOnly Day);

public sealed record CheckInCalendar(string Month, IReadOnlyList<DateOnly> Days, int Streak, bool CheckedInToday);

/// <summary>Daily check-in in the shop's time zone, with a streak bonus on the configured day of the streak.</summary>
public sealed class CheckIns(MallDb db, PointsLedger ledger, PointsSettingsService points, EngagementSettingsService engagement, ShopSettingsService shop, TimeProvider clock)
{
    public async Task<CheckInResult> CheckInAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = await shop.GetAsync(ct);
        var today = settings.Today(now);
        if (await db.CheckIns.AnyAsync(c => c.MemberId == memberId && c.Day == today, ct))
            throw new DomainException("checkin.already_done", "Already checked in today.");
        var yesterday = await db.CheckIns.AsNoTracking().Where(c => c.MemberId == memberId && c.Day == today.AddDays(-1)).Select(c => (int?)c.Streak).SingleOrDefaultAsync(ct);
        var streak = (yesterday ?? 0) + 1;
        var rules = await engagement.GetAsync(ct);
        var reward = rules.CheckInPoints + (streak % rules.StreakBonusDay == 0 ? rules.StreakBonusPoints : 0);

        await using var tx = await db.BeginWorkAsync(ct);
        db.CheckIns.Add(new CheckIn { MemberId = memberId, Day = today, Streak = streak, Points = reward, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.UniqueViolation() is not null)
        {
            throw new DomainException("checkin.already_done", "Already checked in today.");
        }
        await ledger.CreditAsync(memberId, reward, pending: false, (await points.GetAsync(ct)).ExpiresAt(now, settings.Zone),
            new PointsSource("checkin", $"{memberId}:{today:yyyy-MM-dd}", "checkin"), PointsNotes.CheckInDay(streak), Actor.System, ct);
        await tx.SaveAndCommitAsync(ct);
        return new CheckInResult(reward, streak, today);
    }

    public async Task<CheckInCalendar> CalendarAsync(Guid memberId, string? month, CancellationToken ct)
    {
        var today = (await shop.GetAsync(ct)).Today(clock.GetUtcNow());
        var first = month is null ? new DateOnly(today.Year, today.Month, 1) : Dates.Month(month, "month", "checkin.month_invalid");
        var days = await db.CheckIns.AsNoTracking().Where(c => c.MemberId == memberId && c.Day >= first && c.Day < first.AddMonths(1))
            .OrderBy(c => c.Day).Select(c => c.Day).ToListAsync(ct);
        var latest = await db.CheckIns.AsNoTracking().Where(c => c.MemberId == memberId && c.Day >= today.AddDays(-1)).OrderByDescending(c => c.Day)
            .Select(c => new { c.Day, c.Streak }).FirstOrDefaultAsync(ct);
        return new CheckInCalendar(first.ToString("yyyy-MM"), days, latest?.Streak ?? 0, latest?.Day == today);
    }
}
