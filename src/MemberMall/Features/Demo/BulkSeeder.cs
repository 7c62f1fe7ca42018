using System.Threading.Channels;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Demo;

public sealed record SeedOptions(int Members, bool Append = false, string Password = BulkSeeder.DefaultPassword, int BatchSize = 10_000);

/// <param name="FirstNumber">The <see cref="SeedSequence"/> number of the first seeded member.</param>
/// <param name="Skipped">Generated members left out because one of their unique values was already taken.</param>
public sealed record SeedResult(long Members, long Tags, long Spends, long Skipped, long FirstNumber, TimeSpan LoadTime, TimeSpan FinishTime)
{
    public TimeSpan TotalTime => LoadTime + FinishTime;
    public double MembersPerSecond => Members / Math.Max(LoadTime.TotalSeconds, 1e-9);
}

/// <summary>
/// Fills the database with a large, believable member base (the <c>seed</c> command and the benchmark):
/// members and their accounts written in batches straight into the tables, bypassing EF's change tracker.
/// All seeded members share one password. Generation runs on all cores but one, one batch ahead of the writes.
/// </summary>
public sealed class BulkSeeder(MallDb db, PiiProtector pii, TimeProvider clock, IPasswordHasher<Account> hasher, ILogger<BulkSeeder> logger)
{
    public const string DefaultPassword = "member2026";

    /// <exception cref="DomainException"><c>seed.members_exist</c> when members exist and <see cref="SeedOptions.Append"/> is off.</exception>
    public async Task<SeedResult> SeedAsync(SeedOptions options, Action<long>? progress, CancellationToken ct)
    {
        if (options.Members <= 0) throw new ArgumentOutOfRangeException(nameof(options), "Seed at least one member.");
        var existing = await db.Members.LongCountAsync(ct);
        if (existing > 0 && !options.Append)
            throw new DomainException("seed.members_exist",
                $"The database already has {existing:N0} members; pass --append to add {options.Members:N0} more beside them.");
        if (existing + options.Members > SeedSequence.Capacity)
            throw new ArgumentOutOfRangeException(nameof(options), "That is more members than the seed sequence can tell apart.");

        var now = clock.GetUtcNow();
        var tagIds = await EnsureTagsAsync(now, ct);
        var categoryIds = await db.Products.Where(p => p.CategoryId != null).Select(p => p.CategoryId!.Value).Distinct().OrderBy(id => id).ToArrayAsync(ct);
        // Only an empty member table is certain to hold none of the generated values; otherwise each batch is checked.
        var check = existing > 0 || await db.Users.AnyAsync(a => a.NormalizedUserName!.StartsWith("M."), ct);
        var passwordHash = hasher.HashPassword(new Account(), options.Password);
        await using var writer = await SeedWriter.OpenAsync(db, passwordHash, empty: !check, ct);

        var started = clock.GetTimestamp();
        long written = 0, tags = 0, spends = 0, skipped = 0, next = existing;
        while (written < options.Members)
        {
            // A top-up round replaces members skipped for collisions, further along the sequence.
            var round = options.Members - written;
            var generator = new SeedGenerator(pii, now, next, round, tagIds, categoryIds);
            await foreach (var batch in GenerateAsync(generator, round, options.BatchSize, ct))
            {
                var rows = batch;
                if (check)
                {
                    var taken = await writer.FindTakenAsync(batch, ct);
                    if (taken.Count > 0) rows = batch.Where(m => !SeedWriter.Collides(m, taken)).ToArray();
                    skipped += batch.Length - rows.Length;
                }
                await writer.WriteAsync(rows, ct);
                written += rows.Length;
                tags += rows.Sum(m => m.Tags.Length);
                spends += rows.Sum(m => m.Spends.Length);
                progress?.Invoke(written);
            }
            next += round;
        }
        var loadTime = clock.GetElapsedTime(started);

        var finishing = clock.GetTimestamp();
        await writer.FinishAsync(ct);
        var result = new SeedResult(written, tags, spends, skipped, existing, loadTime, clock.GetElapsedTime(finishing));
        logger.LogInformation("Seeded {Members} members with {Tags} tags in {Seconds:F1} s ({Rate:F0}/s), {Skipped} skipped",
            result.Members, result.Tags, loadTime.TotalSeconds, result.MembersPerSecond, skipped);
        return result;
    }

    /// <summary>Makes batches in parallel, at most two ahead of the writer, so memory stays flat.</summary>
    private static async IAsyncEnumerable<SeedMember[]> GenerateAsync(SeedGenerator generator, long count, int batchSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<SeedMember[]>(2);
        // One core stays for the writer (and, on a small machine, the database beside it).
        var parallel = new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) };
        var producer = Task.Run(async () =>
        {
            try
            {
                for (long from = 0; from < count; from += batchSize)
                {
                    var rows = new SeedMember[(int)Math.Min(batchSize, count - from)];
                    var offset = from;
                    Parallel.For(0, rows.Length, parallel, i => rows[i] = generator.Make(offset + i));
                    await channel.Writer.WriteAsync(rows, stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            await foreach (var rows in channel.Reader.ReadAllAsync(ct)) yield return rows;
        }
        finally
        {
            await stop.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
        }
    }

    private async Task<Guid[]> EnsureTagsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Tags.Where(t => DemoData.TagNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        foreach (var name in DemoData.TagNames.Where(n => !existing.ContainsKey(n)))
        {
            var tag = new Tag { Name = name, CreatedAt = now };
            db.Tags.Add(tag);
            existing[name] = tag.Id;
        }
        await db.SaveChangesAsync(ct);
        return DemoData.TagNames.Select(n => existing[n]).ToArray();
    }
}
