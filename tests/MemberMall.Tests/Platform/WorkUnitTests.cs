using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Platform;

/// <summary>Units of work inside a request's transaction: each commits with the request or not at all, and each rolls back alone.</summary>
public class WorkUnitTests
{
    private static async Task AddTagAsync(MallDb db, string name, bool commit, Action? afterCommit = null)
    {
        await using var unit = await db.BeginWorkAsync(CancellationToken.None);
        db.Tags.Add(new Tag { Name = name, CreatedAt = TestClock.DefaultStart });
        await db.SaveChangesAsync();
        if (afterCommit is not null) unit.AfterCommit(afterCommit);
        if (commit) await unit.CommitAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private static Task<List<string>> TagsAsync(MallApp app) => app.WithDb(db => db.Tags.Select(t => t.Name).OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task Units_in_a_request_commit_with_it_and_a_unit_left_without_commit_undoes_only_its_own_work()
    {
        await using var app = await MallApp.StartAsync();
        var ran = new List<string>();
        await app.WithDb(async db =>
        {
            await using var request = await RequestUnit.BeginAsync(db, CancellationToken.None);
            await AddTagAsync(db, "kept-1", commit: true, () => ran.Add("kept-1"));
            await AddTagAsync(db, "undone", commit: false, () => ran.Add("undone"));
            await AddTagAsync(db, "kept-2", commit: true);

            Assert.Empty(ran);
            Assert.Empty(await TagsAsync(app));
            await request.CommitAsync(CancellationToken.None);
        });

        Assert.Equal(["kept-1", "kept-2"], await TagsAsync(app));
        Assert.Equal(["kept-1"], ran);
    }

    private static SqlArg[] TagRow(string name) => [SqlArg.Of(Guid.CreateVersion7()), SqlArg.Of(name), SqlArg.Of(TestClock.DefaultStart)];

    private const string InsertTag = "INSERT INTO tags (id, name, created_at) VALUES (@p0, @p1, @p2)";

    [Fact]
    public async Task A_request_commits_with_its_last_statement_and_a_last_statement_that_fails_commits_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var ran = new List<string>();
        await app.WithDb(async db =>
        {
            await using var request = await RequestUnit.BeginAsync(db, CancellationToken.None);
            await AddTagAsync(db, "work", commit: true, () => ran.Add("work"));
            await request.CommitAsync(CancellationToken.None, InsertTag, TagRow("last"));
        });
        Assert.Equal(["last", "work"], await TagsAsync(app));
        Assert.Equal(["work"], ran);

        await app.WithDb(async db =>
        {
            await using var request = await RequestUnit.BeginAsync(db, CancellationToken.None);
            await AddTagAsync(db, "lost", commit: true, () => ran.Add("lost"));
            // The tag's name is unique: the last statement fails, and the unit's work goes with it.
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => request.CommitAsync(CancellationToken.None, InsertTag, TagRow("work")));
        });
        Assert.Equal(["last", "work"], await TagsAsync(app));
        Assert.Equal(["work"], ran);
    }

    [Fact]
    public async Task A_request_that_does_not_commit_takes_its_committed_units_with_it()
    {
        await using var app = await MallApp.StartAsync();
        var ran = false;
        await app.WithDb(async db =>
        {
            await using var request = await RequestUnit.BeginAsync(db, CancellationToken.None);
            await AddTagAsync(db, "gone", commit: true, () => ran = true);
        });

        Assert.Empty(await TagsAsync(app));
        Assert.False(ran);
    }

    [Fact]
    public async Task A_unit_of_its_own_commits_at_once_and_runs_what_waits_for_the_commit()
    {
        await using var app = await MallApp.StartAsync();
        var ran = false;
        await app.WithDb(async db =>
        {
            await AddTagAsync(db, "own", commit: true, () => ran = true);
            Assert.True(ran);
            await AddTagAsync(db, "not-committed", commit: false);
        });

        Assert.Equal(["own"], await TagsAsync(app));
    }
}
