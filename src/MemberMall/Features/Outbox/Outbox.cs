using System.Text.Json;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Outbox;

/// <summary>Adds events to the current unit of work; they commit with the change or not at all.</summary>
public sealed class Outbox(MallDb db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public void Add(string type, Guid aggregateId, object payload) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            Type = type,
            AggregateId = aggregateId.ToString(),
            Payload = JsonSerializer.Serialize(payload, Json),
            OccurredAt = clock.GetUtcNow(),
        });
}

public class OutboxMessageConfig : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.Property(m => m.Type).HasMaxLength(64);
        b.Property(m => m.AggregateId).HasMaxLength(64);
        b.Property(m => m.LeaseOwner).HasMaxLength(64).IsConcurrencyToken();
        // The dispatcher reads unprocessed rows in id order; the purge finds processed ones by time.
        b.HasIndex(m => new { m.ProcessedAt, m.Id });
        b.HasIndex(m => new { m.AggregateId, m.Type });
    }
}
