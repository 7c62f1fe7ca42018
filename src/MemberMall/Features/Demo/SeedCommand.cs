using MemberMall.Common;
using MemberMall.Infrastructure;
using Spectre.Console;

namespace MemberMall.Features.Demo;

/// <summary><c>seed --members 1000000 [--append] [--password member2026]</c>: bulk members for demos and benchmarks.</summary>
public static class SeedCommand
{
    public const string Usage = "usage: seed --members <count> [--append] [--password <password>]";

    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration config, string[] args)
    {
        if (Parse(args) is not { } options)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        await DatabaseSetup.MigrateAsync(services, cancel.Token);
        await using var scope = services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<BulkSeeder>();
        var provider = config["Database:Provider"] ?? "sqlite";
        AnsiConsole.MarkupLineInterpolated($"Seeding [bold]{options.Members:N0}[/] members into {provider}…");

        SeedResult result;
        try
        {
            result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"0 / {options.Members:N0} members", maxValue: options.Members);
                    return await seeder.SeedAsync(options, written =>
                    {
                        task.Value = written;
                        task.Description = written < options.Members
                            ? $"{written:N0} / {options.Members:N0} members"
                            : $"{written:N0} members written, building indexes and statistics";
                    }, cancel.Token);
                });
        }
        catch (DomainException e) when (e.Code == "seed.members_exist")
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Seeding stopped. Into an empty PostgreSQL member table nothing is kept; otherwise the batches written so far stay.");
            return 130;
        }

        // Plain lines, unwrapped: the benchmark reads the timings from here.
        Console.WriteLine($"Seeded {result.Members:N0} members and accounts ({result.Tags:N0} tags, {result.Spends:N0} category spends): load {result.LoadTime.TotalSeconds:F1} s " +
            $"({result.MembersPerSecond:N0} members/s), indexes and statistics {result.FinishTime.TotalSeconds:F1} s, " +
            $"total {result.TotalTime.TotalSeconds:F1} s ({result.Members / result.TotalTime.TotalSeconds:N0} members/s).");
        if (result.Skipped > 0)
            Console.WriteLine($"{result.Skipped:N0} generated members collided with existing ones and were replaced.");
        Console.WriteLine($"Seeded members sign in with their phone number and the password {options.Password} (for example {SeedSequence.Phone(result.FirstNumber)}).");
        return 0;
    }

    public static SeedOptions? Parse(string[] args)
    {
        int? members = null;
        var append = false;
        var password = BulkSeeder.DefaultPassword;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            switch (name)
            {
                case "seed":
                    break;
                case "--append":
                    append = true;
                    break;
                case "--members":
                    value ??= i + 1 < args.Length ? args[++i] : null;
                    if (!int.TryParse(value?.Replace("_", "").Replace(",", ""), out var count) || count <= 0) return null;
                    members = count;
                    break;
                case "--password":
                    value ??= i + 1 < args.Length ? args[++i] : null;
                    if (string.IsNullOrEmpty(value)) return null;
                    password = value;
                    break;
            }
        }
        return members is { } m ? new SeedOptions(m, append, password) : null;
    }
}
