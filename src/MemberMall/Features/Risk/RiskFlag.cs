using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Risk;

/// <summary>Something suspicious, kept for staff review: it says what happened and to whom.</summary>
public class RiskFlag
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Kind { get; init; } = "";
    public Guid? MemberId { get; init; }
    public string Detail { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; private set; }
}

public class RiskFlagConfig : IEntityTypeConfiguration<RiskFlag>
{
    public void Configure(EntityTypeBuilder<RiskFlag> b)
    {
        b.Property(f => f.Kind).HasMaxLength(40);
        b.Property(f => f.Detail).HasMaxLength(500);
        b.HasIndex(f => new { f.ResolvedAt, f.CreatedAt });
    }
}

/// <summary>Writes flags in their own unit of work, so a refused request still leaves its trace.</summary>
public sealed class RiskFlags(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task RaiseAsync(string kind, Guid? memberId, string detail, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        db.RiskFlags.Add(new RiskFlag { Kind = kind, MemberId = memberId, Detail = detail, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The newest open flags, for the API and the console alike.</summary>
    public static Task<List<RiskFlag>> OpenAsync(MallDb db, CancellationToken ct) =>
        db.RiskFlags.AsNoTracking().Where(f => f.ResolvedAt == null).OrderByDescending(f => f.CreatedAt).Take(200).ToListAsync(ct);
}
