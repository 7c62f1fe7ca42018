using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Tests.Platform;

/// <summary>A statement a context sends before anything else: with the next query, or on its own before any other command.</summary>
public class FirstStatementTests
{
    private static FirstStatement InsertTag(string name) => new("INSERT INTO tags (id, name, created_at) VALUES (@first0, @first1, @first2)",
        [SqlArg.Of(Guid.CreateVersion7()), SqlArg.Of(name), SqlArg.Of(TestClock.DefaultStart)]);

    private static Task<List<string>> TagsAsync(MallApp app) => app.WithDb(db => db.Tags.Select(t => t.Name).OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task It_goes_in_front_of_the_next_query_which_sees_it_and_answers_only_its_own_rows()
    {
        await using var app = await MallApp.StartAsync();
        await app.WithDb(async db =>
        {
            db.SendFirst = InsertTag("first");
            Assert.Equal(["first"], await db.Tags.Select(t => t.Name).ToListAsync());
            Assert.Null(db.SendFirst);
            Assert.Equal(1, await db.Tags.CountAsync());
        });
        Assert.Equal(["first"], await TagsAsync(app));
    }

    [Fact]
    public async Task When_it_fails_the_query_fails_with_its_error_and_nothing_of_it_is_kept()
    {
        await using var app = await MallApp.StartAsync();
        await app.WithDb(async db =>
        {
            db.Tags.Add(new Tag { Name = "taken", CreatedAt = TestClock.DefaultStart });
            await db.SaveChangesAsync();
            db.SendFirst = InsertTag("taken");
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Tags.CountAsync());
            Assert.NotNull(error.UniqueViolation());
        });
        Assert.Equal(["taken"], await TagsAsync(app));
    }

    [Fact]
    public async Task Before_a_save_it_goes_on_its_own_and_its_error_is_not_the_saves()
    {
        await using var app = await MallApp.StartAsync();
        await app.WithDb(async db =>
        {
            db.SendFirst = InsertTag("first");
            db.Tags.Add(new Tag { Name = "saved", CreatedAt = TestClock.DefaultStart });
            Assert.Equal(1, await db.SaveChangesAsync());

            db.SendFirst = InsertTag("first");
            db.Tags.Add(new Tag { Name = "not-saved", CreatedAt = TestClock.DefaultStart });
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.SaveChangesAsync());
            Assert.NotNull(error.UniqueViolation());
        });
        Assert.Equal(["first", "saved"], await TagsAsync(app));
    }

    [Fact]
    public async Task Before_an_update_it_goes_on_its_own_and_the_update_counts_only_its_own_rows()
    {
        await using var app = await MallApp.StartAsync();
        var changed = await app.WithDb(async db =>
        {
            db.Tags.Add(new Tag { Name = "old", CreatedAt = TestClock.DefaultStart });
            await db.SaveChangesAsync();
            db.SendFirst = InsertTag("first");
            return await db.Tags.Where(t => t.Name == "old").ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, "new"));
        });
        Assert.Equal(1, changed);
        Assert.Equal(["first", "new"], await TagsAsync(app));
    }

    [Fact]
    public async Task Before_a_hand_written_statement_it_goes_on_its_own()
    {
        await using var app = await MallApp.StartAsync();
        var changed = await app.WithDb(async db =>
        {
            db.Tags.Add(new Tag { Name = "old", CreatedAt = TestClock.DefaultStart });
            await db.SaveChangesAsync();
            db.SendFirst = InsertTag("first");
            return await db.ExecuteAsync("UPDATE tags SET name = @p0 WHERE name = @p1", CancellationToken.None, SqlArg.Of("new"), SqlArg.Of("old"));
        });
        Assert.Equal(1, changed);
        Assert.Equal(["first", "new"], await TagsAsync(app));
    }
}
