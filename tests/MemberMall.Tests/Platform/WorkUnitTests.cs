using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Caching;
using MemberMall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A request's transaction, as the idempotency middleware opens it on PostgreSQL.</summary>
    private sealed class RequestScope(MallDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx) : IAsyncDisposable
    {
        public static async Task<RequestScope> BeginAsync(MallDb db)
        {
            var tx = await db.Database.BeginTransactionAsync();
            db.Request = new RequestTransaction();
            return new RequestScope(db, tx);
        }

        public async Task CommitAsync()
        {
            var request = db.Request!;
            await tx.CommitAsync();
            request.Committed();
        }

        public async ValueTask DisposeAsync()
        {
            db.Request = null;
            await tx.DisposeAsync();
        }
    }

    private static Task<RequestScope> BeginRequestAsync(MallApp app, MallDb db) => RequestScope.BeginAsync(db);

    private static Task<List<string>> TagsAsync(MallApp app) => app.WithDb(db => db.Tags.Select(t => t.Name).OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task Units_in_a_request_commit_with_it_and_a_unit_left_without_commit_undoes_only_its_own_work()
    {
        await using var app = await MallApp.StartAsync();
        var ran = new List<string>();
        await app.WithDb(async db =>
        {
            await using var request = await BeginRequestAsync(app, db);
            await AddTagAsync(db, "kept-1", commit: true, () => ran.Add("kept-1"));
            await AddTagAsync(db, "undone", commit: false, () => ran.Add("undone"));
            await AddTagAsync(db, "kept-2", commit: true);

            Assert.Empty(ran);
            Assert.Empty(await TagsAsync(app));
            await request.CommitAsync();
        });

        Assert.Equal(["kept-1", "kept-2"], await TagsAsync(app));
        Assert.Equal(["kept-1"], ran);
    }

    [Fact]
    public async Task A_save_that_fails_ends_its_unit_whole_and_the_request_goes_on_without_it()
    {
        await using var app = await MallApp.StartAsync();
        await app.WithDb(async db =>
        {
            await using var request = await BeginRequestAsync(app, db);
            await AddTagAsync(db, "taken", commit: true);
            await using (var unit = await db.BeginWorkAsync(CancellationToken.None))
            {
                // A unit's rollback undoes all of it, the saves before the one that failed too.
                db.Tags.Add(new Tag { Name = "saved-then-undone", CreatedAt = TestClock.DefaultStart });
                await db.SaveChangesAsync();
                db.Tags.Add(new Tag { Name = "taken", CreatedAt = TestClock.DefaultStart });
                await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            }
            db.ChangeTracker.Clear();
            await AddTagAsync(db, "after", commit: true);
            await request.CommitAsync();
        });
        Assert.Equal(["after", "taken"], await TagsAsync(app));
    }

    [Fact]
    public async Task A_request_that_does_not_commit_takes_its_committed_units_with_it()
    {
        await using var app = await MallApp.StartAsync();
        var ran = false;
        await app.WithDb(async db =>
        {
            await using var request = await BeginRequestAsync(app, db);
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

    private static Task<Member> MemberAsync(MallDb db, Guid id) => db.Members.SingleAsync(m => m.Id == id);

    private static void Rename(Member member, string name) =>
        member.UpdateProfile(name, member.Gender, member.Birthday, member.AvatarUrl, member.Interests, DateOnly.FromDateTime(TestClock.DefaultStart.UtcDateTime));

    [Fact]
    public async Task A_unit_that_saves_and_commits_keeps_all_of_it_and_its_context_goes_on()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13800000001");
        var ran = false;
        await app.WithDb(async db =>
        {
            await using (var unit = await db.BeginWorkAsync(CancellationToken.None))
            {
                Rename(await MemberAsync(db, memberId), "改过的名字");
                db.Tags.Add(new Tag { Name = "saved-with-commit", CreatedAt = TestClock.DefaultStart });
                unit.AfterCommit(() => ran = true);
                await unit.SaveAndCommitAsync(CancellationToken.None);
                Assert.True(ran);
            }
            // The same context starts the next unit on a connection that is no longer in the committed transaction.
            await AddTagAsync(db, "next-unit", commit: true);
            // A unit with nothing to save commits the usual way.
            await using var empty = await db.BeginWorkAsync(CancellationToken.None);
            await empty.SaveAndCommitAsync(CancellationToken.None);
        });

        Assert.Equal(["next-unit", "saved-with-commit"], await TagsAsync(app));
        var member = await app.WithDb(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId));
        Assert.Equal("改过的名字", member.Name);
    }

    [Fact]
    public async Task A_save_that_finds_a_row_changed_since_it_was_read_keeps_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13800000002");
        var ran = false;
        await app.WithDb(async db =>
        {
            // This request reads the member; another renames them and commits before this one writes (SQLite's
            // transactions begin with its one write lock, so the read comes before this unit there).
            var member = await MemberAsync(db, memberId);
            await app.WithDb(async other =>
            {
                Rename(await MemberAsync(other, memberId), "先到的名字");
                await other.SaveChangesAsync();
            });
            await using (var unit = await db.BeginWorkAsync(CancellationToken.None))
            {
                Rename(member, "后到的名字");
                db.Tags.Add(new Tag { Name = "lost-with-the-member", CreatedAt = TestClock.DefaultStart });
                unit.AfterCommit(() => ran = true);
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => unit.SaveAndCommitAsync(CancellationToken.None));
            }
            db.ChangeTracker.Clear();
            await AddTagAsync(db, "after-the-conflict", commit: true);
        });

        Assert.False(ran);
        Assert.Equal(["after-the-conflict"], await TagsAsync(app));
        var stored = await app.WithDb(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId));
        Assert.Equal("先到的名字", stored.Name);
    }

    [Fact]
    public async Task A_save_that_deletes_a_row_already_gone_keeps_nothing_either()
    {
        await using var app = await MallApp.StartAsync();
        await app.WithDb(db => AddTagAsync(db, "to-delete", commit: true));
        await app.WithDb(async db =>
        {
            var tag = await db.Tags.SingleAsync(t => t.Name == "to-delete");
            await app.WithDb(other => other.Tags.Where(t => t.Name == "to-delete").ExecuteDeleteAsync());
            await using var unit = await db.BeginWorkAsync(CancellationToken.None);
            db.Tags.Remove(tag);
            db.Tags.Add(new Tag { Name = "lost-with-the-delete", CreatedAt = TestClock.DefaultStart });
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => unit.SaveAndCommitAsync(CancellationToken.None));
        });

        Assert.Empty(await TagsAsync(app));
    }

    [Fact]
    public async Task A_request_that_commits_evicts_what_its_saves_changed_again()
    {
        await using var app = await MallApp.StartAsync();
        var (memberId, _) = await app.RegisterAsync(phone: "13800000003");
        var sessions = app.Services.GetRequiredService<SessionCache>();
        var grant = new SessionGrant(Guid.NewGuid(), memberId, TestClock.DefaultStart.AddHours(1), AccountKind.Member, null, "会员");
        await app.WithDb(async db =>
        {
            await using var request = await BeginRequestAsync(app, db);
            await using (var unit = await db.BeginWorkAsync(CancellationToken.None))
            {
                (await db.Users.SingleAsync(a => a.Id == memberId)).DisabledAt = TestClock.DefaultStart;
                await db.SaveChangesAsync();
                await unit.CommitAsync(CancellationToken.None);
            }
            // A sign-in check between the save and the commit still reads the account as it was committed, and caches it.
            sessions.Add("token-hash", grant, sessions.Stamp());
            Assert.True(sessions.TryGet("token-hash", out _));
            await request.CommitAsync();
        });

        Assert.False(sessions.TryGet("token-hash", out _));
    }

    [Fact]
    public async Task A_pooled_context_comes_back_from_a_request_that_failed_midway_with_nothing_of_it()
    {
        await using var app = await MallApp.StartAsync();
        MallDb? first = null;
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDb(async db =>
        {
            first = db;
            // A request inside the idempotency middleware's transaction fails between adding work and saving it, and
            // nothing of it is disposed or cleaned up: only the end of the request's scope is left to do that.
            await BeginRequestAsync(app, db);
            await db.BeginWorkAsync(CancellationToken.None);
            db.Tags.Add(new Tag { Name = "never-saved", CreatedAt = TestClock.DefaultStart });
            throw new InvalidOperationException("The handler failed.");
        }));
        await app.WithDb(async db =>
        {
            Assert.Same(first, db);
            Assert.Null(db.Request);
            Assert.Null(db.Database.CurrentTransaction);
            Assert.Empty(db.ChangeTracker.Entries());
            await AddTagAsync(db, "next-request", commit: true);
        });
        Assert.Equal(["next-request"], await TagsAsync(app));
    }
}
