using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MemberMall.Features.Outbox;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Outbox;

public class OutboxTests
{
    private static async Task<List<Guid>> WriteAsync(MallApp app, int count) => await app.WithDb(async db =>
    {
        var outbox = new Features.Outbox.Outbox(db, app.Clock);
        for (var i = 0; i < count; i++) outbox.Add("test.event", Guid.NewGuid(), new { n = i });
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.Type == "test.event").OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    });

    [Fact]
    public async Task Two_claims_take_disjoint_rows_oldest_first_and_a_lapsed_lease_frees_them()
    {
        await using var app = await MallApp.StartAsync();
        var ids = await WriteAsync(app, 5);
        var now = app.Clock.GetUtcNow();

        var first = await app.WithDb(db => OutboxSql.ClaimAsync(db, "a", now, now.AddMinutes(2), 3, default));
        var second = await app.WithDb(db => OutboxSql.ClaimAsync(db, "b", now, now.AddMinutes(2), 3, default));
        var third = await app.WithDb(db => OutboxSql.ClaimAsync(db, "c", now, now.AddMinutes(2), 3, default));

        Assert.Equal(ids.Take(3), first);
        Assert.Equal(ids.Skip(3), second.Order());
        Assert.Empty(third);
        var later = now.AddMinutes(3);
        Assert.Equal(5, (await app.WithDb(db => OutboxSql.ClaimAsync(db, "d", later, later.AddMinutes(2), 10, default))).Count);
    }

    [Fact]
    public async Task Concurrent_claims_never_take_one_row_twice()
    {
        await using var app = await MallApp.StartAsync();
        var ids = await WriteAsync(app, 200);
        var now = app.Clock.GetUtcNow();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => app.WithDb(db => OutboxSql.ClaimAsync(db, "owner" + i, now, now.AddMinutes(2), 30, default)))));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(ids.Order(), all.Order());
    }

    [Fact]
    public async Task A_dispatch_marks_rows_processed_the_backlog_shows_on_the_jobs_list_and_the_purge_keeps_recent_rows()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        await WriteAsync(app, 3);
        JsonNode Job(JsonNode list, string name) => list.AsArray().Single(j => j.Str("name") == name)!;

        Assert.Equal(3, Job(await admin.Json("/api/admin/jobs"), "outbox.dispatch")["backlog"]!.GetValue<long>());
        var run = await (await admin.PostAsync("/api/admin/jobs/outbox.dispatch/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, run["processed"]!.GetValue<int>());
        Assert.Equal(0, Job(await admin.Json("/api/admin/jobs"), "outbox.dispatch")["backlog"]!.GetValue<long>());
        Assert.Null(Job(await admin.Json("/api/admin/jobs"), "idempotency.purge")["backlog"]);

        var purge = await (await admin.PostAsync("/api/admin/jobs/outbox.purge/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, purge["processed"]!.GetValue<int>());
        await WriteAsync(app, 1);
        app.Clock.Advance(TimeSpan.FromDays(8));
        admin = await app.AdminAsync();
        purge = await (await admin.PostAsync("/api/admin/jobs/outbox.purge/run", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, purge["processed"]!.GetValue<int>());
        Assert.Equal(1, await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.Type == "test.event")));
    }
}
