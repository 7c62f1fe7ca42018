using MemberMall.Common;
using MemberMall.Features.Members;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Accounts;

public sealed record LoginResult(Account Account, AuthSession Session, TokenPair Tokens);

/// <summary>
/// Checks a login (phone, e-mail or staff user name) and password with Identity's hasher and lockout,
/// then opens a session. Unknown logins cost the same hashing time as known ones.
/// </summary>
public sealed class LoginService(MallDb db, UserManager<Account> users, PiiProtector pii, SessionTokens tokens, ILogger<LoginService> logger)
{
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(new Account(), "not-a-password-0"));

    public async Task<LoginResult> LoginAsync(string login, string password, string? ip, CancellationToken ct)
    {
        var account = await FindAsync(login.Trim(), ct);
        if (account is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new Account(), DummyHash.Value, password);
            throw InvalidCredentials();
        }
        if (await users.IsLockedOutAsync(account))
        {
            logger.LogInformation("Login refused for locked account {AccountId}", account.Id);
            throw new DomainException("auth.locked_out", "Too many failed attempts: this account is locked for a while. Try again later.", 423);
        }
        if (!await users.CheckPasswordAsync(account, password))
        {
            await users.AccessFailedAsync(account);
            logger.LogInformation("Failed login for account {AccountId}", account.Id);
            if (await users.IsLockedOutAsync(account))
                throw new DomainException("auth.locked_out", "Too many failed attempts: this account is locked for a while. Try again later.", 423);
            throw InvalidCredentials();
        }
        if (account.DisabledAt is not null)
            throw new DomainException("auth.account_disabled", "This account is disabled.", 403);
        if (await users.GetAccessFailedCountAsync(account) > 0)
            await users.ResetAccessFailedCountAsync(account);

        var (session, pair) = tokens.Open(account.Id, ip);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Account {AccountId} signed in, session {SessionId}", account.Id, session.Id);
        return new LoginResult(account, session, pair);
    }

    private async Task<Account?> FindAsync(string login, CancellationToken ct)
    {
        if (ContactNormalizer.LooksLikeEmail(login))
        {
            var email = ContactNormalizer.NormalizeEmail(login);
            if (email is null) return null;
            var emailHash = pii.Hash(email);
            return await MemberAccountAsync(m => m.EmailHash == emailHash, ct);
        }
        if (ContactNormalizer.NormalizePhone(login) is { } phone)
        {
            var phoneHash = pii.Hash(phone);
            return await MemberAccountAsync(m => m.PhoneHash == phoneHash, ct);
        }
        var normalized = users.NormalizeName(login);
        return await db.Users.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized && a.Kind == AccountKind.Staff, ct);
    }

    private async Task<Account?> MemberAccountAsync(System.Linq.Expressions.Expression<Func<Member, bool>> match, CancellationToken ct)
    {
        var id = await db.Members.Where(match).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct);
    }

    private static DomainException InvalidCredentials() =>
        new("auth.invalid_credentials", "The login or password is wrong.", 401);
}
