using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Engagement;

public class EngagementSettingsConfig : IEntityTypeConfiguration<EngagementSettings>
{
    public void Configure(EntityTypeBuilder<EngagementSettings> b) => b.Property(s => s.Id).ValueGeneratedNever();
}
