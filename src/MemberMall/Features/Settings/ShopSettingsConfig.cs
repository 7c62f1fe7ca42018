using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Settings;

public class ShopSettingsConfig : IEntityTypeConfiguration<ShopSettings>
{
    public void Configure(EntityTypeBuilder<ShopSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Currency).HasMaxLength(3);
        b.Property(s => s.TimeZone).HasMaxLength(64);
        b.Property(s => s.DefaultCulture).HasMaxLength(10);
    }
}
