using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Audit;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberMall.Features.Accounts;

public sealed record ApiKeyInput(
    [property: Required, StringLength(80, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1), MaxLength(9), EachLength(32)] IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt = null);

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed record ApiKeyCreated(ApiKeyView Key, string Secret);

public sealed class ApiKeyService(MallDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<List<ApiKeyView>> ListAsync(CancellationToken ct) =>
        (await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct)).Select(View).ToList();

    public async Task<ApiKeyCreated> CreateAsync(ApiKeyInput input, Actor actor, CancellationToken ct)
    {
        var unknown = input.Scopes.Where(s => !ApiKeyScopes.Permission.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
            throw new RequestValidationException("apikey.scope_unknown", "scopes", $"Unknown scopes: {string.Join(", ", unknown)}. Known: {string.Join(", ", ApiKeyScopes.Permission.Keys)}.");
        var now = clock.GetUtcNow();
        if (input.ExpiresAt is { } at && at <= now) throw new RequestValidationException("apikey.expiry_past", "expiresAt", "The expiry must be in the future.");
        var secret = ApiKeyScopes.NewSecret();
        var key = new ApiKey
        {
            Name = input.Name.Trim(), Prefix = secret[..10], SecretHash = ApiKeyScopes.Hash(secret), Scopes = string.Join(' ', input.Scopes.Distinct()),
            ExpiresAt = Dates.Instant(input.ExpiresAt, "expiresAt"), CreatedAt = now, CreatedBy = actor.Name,
        };
        await using var work = await db.BeginWorkAsync(ct);
        db.ApiKeys.Add(key);
        audit.Record(actor, "apikey.create", "api_key", key.Id.ToString(), null, new { key.Name, key.Scopes, key.ExpiresAt });
        await work.SaveAndCommitAsync(ct);
        return new ApiKeyCreated(View(key), secret);
    }

    public async Task RevokeAsync(Guid id, Actor actor, CancellationToken ct)
    {
        await using var work = await db.BeginWorkAsync(ct);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("apikey.not_found", "API key not found.");
        key.Revoke(clock.GetUtcNow());
        audit.Record(actor, "apikey.revoke", "api_key", id.ToString(), null, new { key.Name });
        await work.SaveAndCommitAsync(ct);
    }

    private static ApiKeyView View(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.ScopeList, k.ExpiresAt, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.LastUsedAt);
}
