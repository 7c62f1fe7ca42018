using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Accounts;

/// <summary>
/// On first start with no staff at all, creates staff user <c>admin</c> with <c>Seed:AdminPassword</c>, or a
/// random password that is printed once to the console (never to the log).
/// </summary>
public static class AdminBootstrap
{
    public const string AdminUserName = "admin";

    public static async Task<string?> EnsureAdminAsync(IServiceProvider services, IConfiguration config, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        if (await db.Users.AnyAsync(a => a.Kind == AccountKind.Staff, ct)) return null;

        var configured = config["Seed:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        await staff.CreateAsync(new StaffCreate(AdminUserName, "系统管理员", Roles.Admin, password), Actor.System, ct);
        return string.IsNullOrEmpty(configured) ? password : null;
    }

    public static string RandomPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", 8) + RandomNumberGenerator.GetString("23456789", 4);

    /// <summary>Sets a new random password for <c>admin</c> (the <c>reset-admin-password</c> command).</summary>
    public static async Task<string> ResetAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var admin = await db.Users.SingleOrDefaultAsync(a => a.NormalizedUserName == users.NormalizeName(AdminUserName), ct)
            ?? throw new InvalidOperationException("There is no staff user 'admin'.");
        var password = RandomPassword();
        await scope.ServiceProvider.GetRequiredService<StaffService>().ResetPasswordAsync(admin.Id, password, Actor.System, ct);
        return password;
    }
}
