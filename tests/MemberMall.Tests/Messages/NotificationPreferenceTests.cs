using System.Net;
using System.Net.Http.Json;
using MemberMall.Features.Messages;
using MemberMall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MemberMall.Tests.Messages;

public class NotificationPreferenceTests
{
    [Fact]
    public async Task A_member_turns_channels_off_and_marketing_consent_keeps_the_time_it_was_given_and_withdrawn()
    {
        await using var app = await MallApp.StartAsync();
        var member = await app.MemberAsync("13812345678");
        var other = await app.MemberAsync("13912345678");

        var start = await member.Json("/api/me/notification-preferences");
        Assert.Equal((true, true, true, false), (start["site"]!.GetValue<bool>(), start["sms"]!.GetValue<bool>(), start["email"]!.GetValue<bool>(),
            start["marketingConsent"]!.GetValue<bool>()));
        Assert.Null(start["marketingConsentChangedAt"]);

        var given = await (await member.PutAsJsonAsync("/api/me/notification-preferences", new { sms = false, email = true, marketingConsent = true }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.False(given["sms"]!.GetValue<bool>());
        Assert.True(given["marketingConsent"]!.GetValue<bool>());
        Assert.Equal(app.Clock.GetUtcNow(), given["marketingConsentChangedAt"]!.GetValue<DateTimeOffset>());

        app.Clock.Advance(TimeSpan.FromHours(1));
        var same = await (await member.PutAsJsonAsync("/api/me/notification-preferences", new { sms = true, email = false, marketingConsent = true }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(given["marketingConsentChangedAt"]!.GetValue<DateTimeOffset>(), same["marketingConsentChangedAt"]!.GetValue<DateTimeOffset>());
        var withdrawn = await (await member.PutAsJsonAsync("/api/me/notification-preferences", new { sms = true, email = false, marketingConsent = false }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(app.Clock.GetUtcNow(), withdrawn["marketingConsentChangedAt"]!.GetValue<DateTimeOffset>());
        Assert.True((await member.Json("/api/me/notification-preferences"))["site"]!.GetValue<bool>());
        Assert.True((await other.Json("/api/me/notification-preferences"))["sms"]!.GetValue<bool>());

        await (await member.PutAsJsonAsync("/api/me/notification-preferences", new { sms = true })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_development_senders_write_one_file_per_message_and_log_no_personal_data()
    {
        await using var app = await MallApp.StartAsync();
        var mailbox = app.Services.GetRequiredService<FileMailbox>();
        await app.Services.GetRequiredService<ISmsSender>().SendAsync("13812345678", "您的订单已发货", default);
        await app.Services.GetRequiredService<IEmailSender>().SendAsync("wang@example.com", "订单已发货", "您的订单已发货", default);

        Assert.Equal(Path.GetFullPath(Path.Combine(app.Database.DataDirectory, "outbox-mail")), mailbox.Directory);
        var files = Directory.GetFiles(mailbox.Directory).Select(File.ReadAllText).ToList();
        Assert.Equal(2, files.Count);
        Assert.Contains(files, f => f.Contains("13812345678") && f.Contains("您的订单已发货"));
        Assert.Contains(files, f => f.Contains("wang@example.com") && f.Contains("Subject: 订单已发货"));
        var logs = string.Join("\n", app.Logs.Lines);
        Assert.DoesNotContain("13812345678", logs);
        Assert.DoesNotContain("wang@example.com", logs);
    }
}
