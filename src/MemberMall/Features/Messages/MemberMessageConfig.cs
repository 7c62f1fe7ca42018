using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Messages;

public class MemberMessageConfig : IEntityTypeConfiguration<MemberMessage>
{
    public void Configure(EntityTypeBuilder<MemberMessage> b)
    {
        b.ToTable("member_messages");
        b.Property(m => m.Kind).HasMaxLength(32);
        b.Property(m => m.Parameters).HasMaxLength(2000);
        b.Property(m => m.Link).HasMaxLength(200);
        // One message per event and member, however often the dispatcher hands the event over.
        b.HasIndex(m => new { m.SourceId, m.MemberId }).IsUnique();
        // The member's list, newest first, and the unread count.
        b.HasIndex(m => new { m.MemberId, m.Id });
        b.HasIndex(m => new { m.MemberId, m.ReadAt });
        // The retention purge.
        b.HasIndex(m => m.CreatedAt);
    }
}
