using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Members;

public sealed record RegisterRequest(
    [property: StringLength(32)] string? Phone,
    [property: StringLength(254)] string? Email,
    [property: Required, StringLength(128)] string Password,
    [property: StringLength(50)] string? Name,
    [property: StringLength(16)] string? ReferralCode,
    [property: StringLength(100)] string? DeviceId = null);

public sealed record RegisterResponse(Guid MemberId, string MemberNo);

/// <summary>Creates a member: an Identity account and its member row, in one transaction.</summary>
public sealed class Registration(MallDb db, UserManager<Account> users, PiiProtector pii, TimeProvider clock, Points.PointsLedger points,
    Points.PointsSettingsService loyalty, Settings.ShopSettingsService shop, Risk.RiskFlags risk, Outbox.Outbox outbox, ILogger<Registration> logger)
{
    public const string ReferralAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<RegisterResponse> RegisterAsync(RegisterRequest req, CancellationToken ct)
    {
        var phone = ContactNormalizer.NormalizePhone(req.Phone);
        if (!string.IsNullOrWhiteSpace(req.Phone) && phone is null)
            throw new RequestValidationException("account.phone_invalid", "phone", "Enter an 11-digit mainland China mobile number.");
        var email = ContactNormalizer.NormalizeEmail(req.Email);
        if (!string.IsNullOrWhiteSpace(req.Email) && email is null)
            throw new RequestValidationException("account.email_invalid", "email", "Enter a valid e-mail address.");
        if (phone is null && email is null)
            throw new RequestValidationException("account.contact_required", "phone", "A phone number or an e-mail address is required.");

        var phoneHash = phone is null ? null : pii.Hash(phone);
        var emailHash = email is null ? null : pii.Hash(email);
        if (phoneHash is not null && await db.Members.AnyAsync(m => m.PhoneHash == phoneHash, ct))
            throw new ConflictException("account.phone_taken", "This phone number is already registered.");
        if (emailHash is not null && await db.Members.AnyAsync(m => m.EmailHash == emailHash, ct))
            throw new ConflictException("account.email_taken", "This e-mail address is already registered.");
        var referrer = req.ReferralCode?.Trim().ToUpperInvariant();
        var deviceHash = string.IsNullOrWhiteSpace(req.DeviceId) ? null : pii.Hash("device:" + req.DeviceId.Trim());
        if (!string.IsNullOrEmpty(referrer))
        {
            var owner = await db.Members.AsNoTracking().Where(m => m.ReferralCode == referrer).Select(m => new { m.Id, m.DeviceHash }).SingleOrDefaultAsync(ct)
                ?? throw new DomainException("referral.code_unknown", "The referral code does not exist.");
            if (deviceHash is not null && owner.DeviceHash == deviceHash)
            {
                await risk.RaiseAsync("referral.self", owner.Id, "A registration used this member's referral code from the member's own device.", CancellationToken.None);
                throw new DomainException("referral.self_referral", "A referral code cannot be used from the referrer's own device.");
            }
        }

        var now = clock.GetUtcNow();
        var memberNo = await NewMemberNoAsync(ct);
        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            Kind = AccountKind.Member,
            UserName = Account.MemberUserName(memberNo),
            DisplayName = req.Name?.Trim() is { Length: > 0 } n ? n : phone is not null ? ContactNormalizer.MaskPhone(phone) : ContactNormalizer.MaskEmail(email!),
            CreatedAt = now,
        };

        await using var tx = await db.BeginWorkAsync(ct);
        var created = await users.CreateAsync(account, req.Password);
        if (!created.Succeeded)
            throw new RequestValidationException("account.password_weak", "password",
                string.Join(" ", created.Errors.Select(e => e.Description)));

        var member = new Member
        {
            Id = account.Id,
            MemberNo = memberNo,
            ReferralCode = await NewReferralCodeAsync(ct),
            ReferredByCode = string.IsNullOrEmpty(referrer) ? null : referrer,
            DeviceHash = deviceHash,
            RegisteredAt = now,
        };
        member.SetContact(phone is null ? null : pii.Encrypt(phone), phoneHash, email is null ? null : pii.Encrypt(email), emailHash);
        member.UpdateProfile(req.Name, Gender.Unknown, null, null, [], DateOnly.FromDateTime(now.UtcDateTime));
        db.Members.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.UniqueViolation() is { } index && (index.Contains("phone_hash", StringComparison.Ordinal) || index.Contains("email_hash", StringComparison.Ordinal)))
        {
            // Two registrations raced past the checks above; the unique index decided.
            throw index.Contains("email", StringComparison.Ordinal)
                ? new ConflictException("account.email_taken", "This e-mail address is already registered.")
                : new ConflictException("account.phone_taken", "This phone number is already registered.");
        }
        var rules = await loyalty.GetAsync(ct);
        if (rules.RegistrationPoints > 0)
        {
            await points.CreditAsync(member.Id, rules.RegistrationPoints, pending: false, rules.ExpiresAt(now, (await shop.GetAsync(ct)).Zone),
                new Points.PointsSource("member", member.Id.ToString(), "registration"), "registration bonus", Actor.System, ct);
            await db.SaveChangesAsync(ct);
        }
        outbox.Add("member.created", member.Id, new { memberId = member.Id, member.MemberNo, member.RegisteredAt });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Member {MemberId} registered as {MemberNo}", member.Id, member.MemberNo);
        return new RegisterResponse(member.Id, member.MemberNo);
    }

    private async Task<string> NewMemberNoAsync(CancellationToken ct)
    {
        while (true)
        {
            var no = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString() + RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4");
            if (!await db.Members.AnyAsync(m => m.MemberNo == no, ct)) return no;
        }
    }

    private async Task<string> NewReferralCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(ReferralAlphabet, 8);
            if (!await db.Members.AnyAsync(m => m.ReferralCode == code, ct)) return code;
        }
    }

    public static string NewMemberNo(Random random) => random.NextInt64(1_000_000_000, 10_000_000_000).ToString();
    public static string NewReferralCode(Random random) => new(Enumerable.Range(0, 8).Select(_ => ReferralAlphabet[random.Next(ReferralAlphabet.Length)]).ToArray());
}
