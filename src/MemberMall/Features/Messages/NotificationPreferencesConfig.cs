using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Messages;

public class NotificationPreferencesConfig : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> b)
    {
        b.ToTable("notification_preferences");
        b.HasKey(p => p.MemberId);
        b.Property(p => p.MemberId).ValueGeneratedNever();
    }
}
