using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using MemberMall.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Rebates;

public sealed record WithdrawalInput([property: Range(0.01, 1_000_000)] decimal Amount, [property: Required, StringLength(64, MinimumLength = 4)] string Account,
    string? AccountType = null);

public sealed record WithdrawalView(Guid Id, Guid MemberId, decimal Amount, decimal Fee, decimal Net, string Account, string Status, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

/// <summary>
/// Withdrawals of the available rebate balance to a bank card or e-wallet. The amount is frozen at request time
/// by a conditional update, so concurrent requests can never take more than the balance; finance pays it out
/// or rejects it, and a rejection returns the money to the balance.
/// </summary>
public sealed class Withdrawals(MallDb db, RebateLedger ledger, RebateSettingsService settings, PiiProtector pii, AuditLog audit, TimeProvider clock)
{
    public async Task<WithdrawalView> RequestAsync(Guid memberId, WithdrawalInput input, CancellationToken ct)
    {
        var account = CheckInput(input);
        var rules = await settings.GetAsync(ct);
        var amount = Money.FromYuan(input.Amount, "amount").Minor;
        if (amount < rules.WithdrawMinFen)
            throw new DomainException("withdrawal.below_minimum", $"Withdraw at least {Money.ToYuan(rules.WithdrawMinFen):0.00} yuan.");
        var withdrawal = new Withdrawal
        {
            MemberId = memberId, AmountFen = amount, FeeFen = rules.WithdrawFee(amount), AccountCipher = pii.Encrypt(input.AccountType is { } type ? type + ":" + account : account),
            AccountMasked = "****" + account[^4..], CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.BeginWorkAsync(ct);
        db.Withdrawals.Add(withdrawal);
        if (!await ledger.MoveAsync(memberId, RebateEntryKind.Withdraw, 0, -amount, amount, "withdrawal", withdrawal.Id.ToString(), "request", ct))
            throw RebateLedger.Insufficient();
        await tx.SaveAndCommitAsync(ct);
        return View(withdrawal);
    }

    /// <summary>
    /// The shape checks the API's validation makes, repeated here because the member site calls this service
    /// directly. A bank card is 12 to 19 digits (spaces and dashes dropped); an e-wallet account is any 4 to 64
    /// characters. Without a type (older API clients) only the length is checked. Returns the account to store.
    /// </summary>
    public static string CheckInput(WithdrawalInput input)
    {
        if (input.Amount is <= 0 or > 1_000_000)
            throw new RequestValidationException("withdrawal.amount_invalid", "amount", "Amount is more than 0 and at most 1,000,000.");
        if (input.AccountType is not (null or BankCard or EWallet))
            throw new RequestValidationException("withdrawal.account_type_invalid", "accountType", "Account type is bank_card or e_wallet.");
        var account = (input.Account ?? "").Trim();
        if (input.AccountType == BankCard)
        {
            account = account.Replace(" ", "").Replace("-", "");
            if (account.Length is < 12 or > 19 || !account.All(char.IsAsciiDigit))
                throw new RequestValidationException("withdrawal.card_invalid", "account", "A bank card number is 12 to 19 digits.");
        }
        if (account.Length is < 4 or > 64)
            throw new RequestValidationException("withdrawal.account_invalid", "account", "The account is 4 to 64 characters.");
        return account;
    }

    public const string BankCard = "bank_card";
    public const string EWallet = "e_wallet";

    public async Task<WithdrawalView> DecideAsync(Guid id, bool approve, string? note, Actor actor, CancellationToken ct)
    {
        await using var tx = await db.BeginWorkAsync(ct);
        var w = await db.Withdrawals.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("withdrawal.not_found", "Withdrawal not found.");
        w.Decide(approve, note, clock.GetUtcNow());
        var moved = approve
            ? await ledger.MoveAsync(w.MemberId, RebateEntryKind.WithdrawPaid, 0, 0, -w.AmountFen, "withdrawal", id.ToString(), "paid", ct)
            : await ledger.MoveAsync(w.MemberId, RebateEntryKind.WithdrawReturned, 0, w.AmountFen, -w.AmountFen, "withdrawal", id.ToString(), "returned", ct);
        // Decided by someone else since it was read (two finance clicks at once): a stale read, answered 409.
        if (!moved) throw await db.NotCoveredAsync(w, $"Frozen rebates of member {w.MemberId} do not cover withdrawal {id}.", ct);
        audit.Record(actor, approve ? "withdrawal.approve" : "withdrawal.reject", "withdrawal", id.ToString(), null, new { amount = Money.ToYuan(w.AmountFen), note });
        await tx.SaveAndCommitAsync(ct);
        return View(w);
    }

    public static WithdrawalView View(Withdrawal w) => new(w.Id, w.MemberId, Money.ToYuan(w.AmountFen), Money.ToYuan(w.FeeFen), Money.ToYuan(w.AmountFen - w.FeeFen),
        w.AccountMasked, EnumText.Snake(w.Status), w.Note, w.CreatedAt, w.DecidedAt);
}
