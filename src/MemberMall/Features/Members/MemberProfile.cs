using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Settings;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Members;

public sealed record ProfileUpdate(
    [property: StringLength(50)] string? Name,
    Gender? Gender,
    DateOnly? Birthday,
    [property: StringLength(500), Url] string? AvatarUrl,
    [property: MaxLength(20), EachLength(30)] IReadOnlyList<string>? Interests);

public sealed record MeView(
    Guid Id, string MemberNo, string? Name, string? Phone, string? Email, string Gender, DateOnly? Birthday, string? AvatarUrl,
    IReadOnlyList<string> Interests, string ReferralCode, DateTimeOffset RegisteredAt, MemberStats Stats, PointsBalance Points, TierBadge? Tier, RebateBalance Rebates);

public sealed record RebateBalance(decimal Pending, decimal Available);

public sealed record TierBadge(string Code, string Name);

public sealed record PointsBalance(long Available, long Pending);

public sealed record AddressInput(
    [property: Required, StringLength(50)] string Name,
    [property: Required, StringLength(32)] string Phone,
    [property: Required, StringLength(30)] string Province,
    [property: Required, StringLength(30)] string City,
    [property: StringLength(30)] string? District,
    [property: Required, StringLength(200)] string Detail,
    bool IsDefault = false);

/// <summary>A member's own profile and address book.</summary>
public sealed class MemberProfile(MallDb db, PiiProtector pii, TimeProvider clock, ShopSettingsService settings, Tiers.TierService tiers, Outbox.Outbox outbox)
{
    public const int MaxAddresses = 20;

    public async Task<MeView> GetAsync(Guid memberId, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().SingleOrDefaultAsync(x => x.Id == memberId, ct)
            ?? throw new NotFoundException("member.not_found", "Member not found.");
        var points = await db.PointsAccounts.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => new PointsBalance(a.Available, a.Pending)).SingleOrDefaultAsync(ct) ?? new PointsBalance(0, 0);
        return new MeView(m.Id, m.MemberNo, m.Name, pii.DecryptOrNull(m.PhoneCipher), pii.DecryptOrNull(m.EmailCipher), m.Gender.ToString().ToLowerInvariant(),
            m.Birthday, m.AvatarUrl, m.Interests, m.ReferralCode, m.RegisteredAt, await ConsumptionStats.ViewAsync(db, m, ct), points,
            await tiers.CurrentAsync(memberId, ct) is { } t ? new TierBadge(t.Code, t.Name) : null,
            await db.RebateAccounts.AsNoTracking().Where(a => a.MemberId == memberId)
                .Select(a => new RebateBalance(a.PendingFen / 100m, a.AvailableFen / 100m)).SingleOrDefaultAsync(ct) ?? new RebateBalance(0, 0));
    }

    public async Task<MeView> UpdateAsync(Guid memberId, ProfileUpdate update, CancellationToken ct)
    {
        var m = await db.Members.SingleOrDefaultAsync(x => x.Id == memberId, ct)
            ?? throw new NotFoundException("member.not_found", "Member not found.");
        var today = (await settings.GetAsync(ct)).Today(clock.GetUtcNow());
        m.UpdateProfile(update.Name ?? m.Name, update.Gender ?? m.Gender, update.Birthday ?? m.Birthday,
            update.AvatarUrl ?? m.AvatarUrl, update.Interests ?? m.Interests, today);
        outbox.Add("member.updated", m.Id, new { memberId = m.Id, m.MemberNo });
        await db.SaveChangesAsync(ct);
        return await GetAsync(memberId, ct);
    }

    public async Task<IReadOnlyList<AddressView>> AddressesAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.Addresses.AsNoTracking().Where(a => a.MemberId == memberId)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var view = new PiiView(pii, unmasked: true);
        return rows.Select(view.Address).ToList();
    }

    public async Task<AddressView> AddAddressAsync(Guid memberId, AddressInput input, CancellationToken ct)
    {
        var existing = await db.Addresses.Where(a => a.MemberId == memberId).ToListAsync(ct);
        if (existing.Count >= MaxAddresses)
            throw new DomainException("address.limit_reached", $"An address book holds at most {MaxAddresses} addresses.");
        var address = new Address { MemberId = memberId, CreatedAt = clock.GetUtcNow() };
        Apply(address, input, existing, makeDefault: input.IsDefault || existing.Count == 0);
        db.Addresses.Add(address);
        await db.SaveChangesAsync(ct);
        return new PiiView(pii, true).Address(address);
    }

    public async Task<AddressView> UpdateAddressAsync(Guid memberId, Guid addressId, AddressInput input, CancellationToken ct)
    {
        var existing = await db.Addresses.Where(a => a.MemberId == memberId).ToListAsync(ct);
        var address = existing.SingleOrDefault(a => a.Id == addressId) ?? throw new NotFoundException("address.not_found", "Address not found.");
        Apply(address, input, existing, makeDefault: input.IsDefault || address.IsDefault);
        await db.SaveChangesAsync(ct);
        return new PiiView(pii, true).Address(address);
    }

    public async Task DeleteAddressAsync(Guid memberId, Guid addressId, CancellationToken ct)
    {
        var existing = await db.Addresses.Where(a => a.MemberId == memberId).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var address = existing.SingleOrDefault(a => a.Id == addressId) ?? throw new NotFoundException("address.not_found", "Address not found.");
        db.Addresses.Remove(address);
        if (address.IsDefault && existing.FirstOrDefault(a => a.Id != addressId) is { } next) next.IsDefault = true;
        await db.SaveChangesAsync(ct);
    }

    private void Apply(Address address, AddressInput input, List<Address> book, bool makeDefault)
    {
        var phone = ContactNormalizer.NormalizePhone(input.Phone)
            ?? throw new RequestValidationException("address.phone_invalid", "phone", "Enter an 11-digit mainland China mobile number.");
        address.RecipientName = input.Name.Trim();
        address.PhoneCipher = pii.Encrypt(phone);
        address.Province = input.Province.Trim();
        address.City = input.City.Trim();
        address.District = input.District?.Trim() ?? "";
        address.DetailCipher = pii.Encrypt(input.Detail.Trim());
        if (makeDefault)
            foreach (var other in book) other.IsDefault = other.Id == address.Id;
        address.IsDefault = makeDefault;
    }
}
