using System.Net.Http.Json;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Points;

public class ExpiryReminderTests
{
    [Fact]
    public async Task Members_are_told_once_about_points_that_expire_within_the_reminder_window()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync("/api/admin/points/settings", new
        {
            earnRate = 1, returnWindowDays = 7, expiry = "days_after_available", expiryDays = 30, redeemPointsPerYuan = 100, redeemMinPoints = 100,
            redeemMaxPointsPerOrder = 100000, redeemMaxSharePercent = 50, registrationPoints = 100, firstOrderPoints = 200, reviewPoints = 10,
        })).EnsureSuccessStatusCode();
        await app.RegisterAsync(phone: "13812345678");

        var early = await (await admin.PostAsync("/api/admin/jobs/points.remind/run", null)).ShouldBe(System.Net.HttpStatusCode.OK);
        Assert.Equal(0, early["processed"]!.GetValue<int>());
        app.Clock.Advance(TimeSpan.FromDays(25));
        admin = await app.AdminAsync();
        var due = await (await admin.PostAsync("/api/admin/jobs/points.remind/run", null)).ShouldBe(System.Net.HttpStatusCode.OK);
        var again = await (await admin.PostAsync("/api/admin/jobs/points.remind/run", null)).ShouldBe(System.Net.HttpStatusCode.OK);

        Assert.Equal(1, due["processed"]!.GetValue<int>());
        Assert.Equal(0, again["processed"]!.GetValue<int>());
        var evt = await app.WithDb(db => db.OutboxMessages.SingleAsync(m => m.Type == "points.expiring"));
        Assert.Contains("\"points\":100", evt.Payload);
    }
}
