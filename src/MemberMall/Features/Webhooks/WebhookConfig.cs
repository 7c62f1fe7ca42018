using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Webhooks;

public class WebhookEndpointConfig : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("webhook_endpoints");
        b.Property(e => e.Url).HasMaxLength(WebhookRules.UrlMax);
        b.Property(e => e.Events).HasMaxLength(1000);
        b.Property(e => e.Description).HasMaxLength(200);
        b.Property(e => e.SecretCipher).HasMaxLength(200);
        b.Property(e => e.PreviousSecretCipher).HasMaxLength(200);
        b.Ignore(e => e.EventList);
    }
}

public class WebhookDeliveryConfig : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.Property(d => d.EventType).HasMaxLength(64);
        b.Property(d => d.MemberKey).HasMaxLength(64);
        b.Property(d => d.ResponseExcerpt).HasMaxLength(WebhookDelivery.ExcerptLength);
        b.Property(d => d.Error).HasMaxLength(300);
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // One delivery per event and endpoint, even if an outbox row is handed over twice.
        b.HasIndex(d => new { d.EndpointId, d.EventOrder }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.EndpointId, d.MemberKey, d.Status });
        b.HasIndex(d => new { d.EndpointId, d.CreatedAt });
    }
}
