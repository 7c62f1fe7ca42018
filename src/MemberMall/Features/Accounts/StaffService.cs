using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Accounts;

public sealed record StaffView(Guid Id, string UserName, string DisplayName, string Role, bool Disabled, DateTimeOffset CreatedAt, bool LockedOut);

public sealed record StaffCreate(
    [property: Required, StringLength(32, MinimumLength = 3)] string UserName,
    [property: Required, StringLength(100)] string DisplayName,
    [property: Required] string Role,
    [property: Required, StringLength(128)] string Password);

public sealed record StaffUpdate([property: StringLength(100)] string? DisplayName, string? Role, bool? Disabled);

public sealed record PasswordReset([property: Required, StringLength(128)] string Password);

/// <summary>Staff accounts and their roles. The last active admin can be neither demoted nor disabled.</summary>
public sealed partial class StaffService(MallDb db, UserManager<Account> users, SessionTokens sessions, AuditLog audit, TimeProvider clock)
{
    [GeneratedRegex("^[a-z][a-z0-9_-]{2,31}$")]
    private static partial Regex UserNamePattern();

    public async Task<IReadOnlyList<StaffView>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Users.AsNoTracking().Where(a => a.Kind == AccountKind.Staff).OrderBy(a => a.UserName)
            .Select(a => new StaffView(a.Id, a.UserName!, a.DisplayName, a.StaffRole!, a.DisabledAt != null, a.CreatedAt, a.LockoutEnd != null && a.LockoutEnd > now))
            .ToListAsync(ct);
    }

    public async Task<StaffView> CreateAsync(StaffCreate req, Actor actor, CancellationToken ct)
    {
        var userName = req.UserName.Trim().ToLowerInvariant();
        if (!UserNamePattern().IsMatch(userName))
            throw new RequestValidationException("staff.username_invalid", "userName", "3–32 characters: a lower-case letter first, then letters, digits, '_' or '-'.");
        RequireRole(req.Role);
        if (await db.Users.AnyAsync(a => a.NormalizedUserName == users.NormalizeName(userName), ct))
            throw new ConflictException("staff.username_taken", "This user name is taken.");
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Kind = AccountKind.Staff, UserName = userName, DisplayName = req.DisplayName.Trim(),
            StaffRole = req.Role, CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.BeginWorkAsync(ct);
        var result = await users.CreateAsync(account, req.Password);
        if (!result.Succeeded)
            throw new RequestValidationException("account.password_weak", "password", string.Join(" ", result.Errors.Select(e => e.Description)));
        audit.Record(actor, "staff.create", "staff", account.Id.ToString(), null, View(account));
        await tx.SaveAndCommitAsync(ct);
        return View(account);
    }

    public async Task<StaffView> UpdateAsync(Guid id, StaffUpdate req, Actor actor, CancellationToken ct)
    {
        var account = await FindAsync(id, ct);
        var before = View(account);
        if (req.Role is not null) RequireRole(req.Role);
        var losesAdmin = account.StaffRole == Roles.Admin && account.DisabledAt is null
            && ((req.Role is not null && req.Role != Roles.Admin) || req.Disabled == true);
        if (losesAdmin && !await db.Users.AnyAsync(a => a.Kind == AccountKind.Staff && a.StaffRole == Roles.Admin && a.DisabledAt == null && a.Id != id, ct))
            throw new DomainException("staff.last_admin", "The last active admin cannot be demoted or disabled.");
        if (req.Disabled == true && actor.Id == id)
            throw new DomainException("staff.cannot_disable_self", "You cannot disable your own account.");

        if (!string.IsNullOrWhiteSpace(req.DisplayName)) account.DisplayName = req.DisplayName.Trim();
        if (req.Role is not null) account.StaffRole = req.Role;
        if (req.Disabled is { } disabled)
        {
            account.DisabledAt = disabled ? account.DisabledAt ?? clock.GetUtcNow() : null;
            if (disabled) await sessions.RevokeAllAsync(id, ct);
        }
        audit.Record(actor, "staff.update", "staff", id.ToString(), before, View(account));
        await db.SaveChangesAsync(ct);
        return View(account);
    }

    public async Task ResetPasswordAsync(Guid id, string password, Actor actor, CancellationToken ct)
    {
        var account = await FindAsync(id, ct);
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, account, password);
            if (!check.Succeeded)
                throw new RequestValidationException("account.password_weak", "password", string.Join(" ", check.Errors.Select(e => e.Description)));
        }
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        await sessions.RevokeAllAsync(id, ct);
        audit.Record(actor, "staff.password_reset", "staff", id.ToString(), null, null);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Account> FindAsync(Guid id, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, ct)
        ?? throw new NotFoundException("staff.not_found", "Staff user not found.");

    private static void RequireRole(string role)
    {
        if (!Roles.IsStaffRole(role))
            throw new RequestValidationException("staff.role_invalid", "role", "Role must be one of: " + string.Join(", ", Roles.Staff));
    }

    private static StaffView View(Account a) =>
        new(a.Id, a.UserName!, a.DisplayName, a.StaffRole ?? "", a.DisabledAt is not null, a.CreatedAt, false);
}
