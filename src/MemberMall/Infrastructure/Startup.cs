using MemberMall.Features.Accounts;
using MemberMall.Features.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MemberMall.Infrastructure;

/// <summary>What happens before the first request: migrations, the first admin, demo data, and the banner.</summary>
public static class Startup
{
    public static async Task PrepareAsync(WebApplication app, string dataDirectory)
    {
        var config = app.Configuration;
        await DatabaseSetup.MigrateAsync(app.Services);
        var generated = await AdminBootstrap.EnsureAdminAsync(app.Services, config);
        var password = generated ?? config["Seed:AdminPassword"];

        var demo = config.GetValue("Seed:Demo", false);
        var seededDemo = false;
        if (demo && password is not null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            seededDemo = await scope.ServiceProvider.GetRequiredService<DemoData>()
                .SeedAsync(password, config.GetValue("Seed:DemoMembers", 300), CancellationToken.None);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault()?.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost") ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine("==================== MemberMall ====================");
            Console.WriteLine($"  后台 Admin console : {url}/admin");
            Console.WriteLine($"  会员站 Member site  : {url}/");
            Console.WriteLine($"  API 文档 API docs   : {url}/docs");
            Console.WriteLine($"  数据库 Database     : {(config["Database:Provider"] ?? "sqlite")}  ({dataDirectory})");
            if (generated is not null)
                Console.WriteLine($"  管理员 Admin login  : admin / {generated}   (shown once; keep it)");
            else
                Console.WriteLine("  管理员 Admin login  : admin / (the password set at first start; `dotnet run --project src/MemberMall -- reset-admin-password` sets a new one)");
            if (seededDemo)
            {
                Console.WriteLine($"  演示员工 Demo staff : {string.Join(", ", DemoData.StaffUsers.Select(s => $"{s.UserName} ({s.Role})"))} — same password as admin");
                Console.WriteLine($"  演示会员 Demo member: {DemoData.DemoMemberPhone} — same password as admin");
            }
            Console.WriteLine("====================================================");
        });
    }
}

public static class CommandLine
{
    /// <summary>Runs a command-line verb instead of the web app; returns false when there is none.</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        switch (verb)
        {
            case "reset-admin-password":
                await DatabaseSetup.MigrateAsync(app.Services);
                Console.WriteLine($"New password for admin: {await AdminBootstrap.ResetAsync(app.Services)}");
                return true;
            case "seed":
                Environment.ExitCode = await SeedCommand.RunAsync(app.Services, app.Configuration, args);
                return true;
            default:
                return false;
        }
    }
}
