using MemberMall.Common;
using MemberMall.Features.Catalog;
using MemberMall.Features.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MemberMall.Features.Reviews;

/// <summary>A member's 1–5 star review of a product they bought: one per order line.</summary>
public class ProductReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProductId { get; init; }
    public Guid MemberId { get; init; }
    public Guid OrderItemId { get; init; }
    public string AuthorName { get; init; } = "";
    public int Stars { get; init; }
    public string Content { get; init; } = "";
    public List<string> Images { get; init; } = [];
    public int HelpfulCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static void RequireStars(int stars)
    {
        if (stars is < 1 or > 5) throw new RequestValidationException("review.stars_invalid", "stars", "Stars go from 1 to 5.");
    }
}

public class ReviewVote
{
    public Guid ReviewId { get; init; }
    public Guid MemberId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public class ProductReviewConfig : IEntityTypeConfiguration<ProductReview>
{
    public void Configure(EntityTypeBuilder<ProductReview> b)
    {
        b.Property(r => r.AuthorName).HasMaxLength(50);
        b.Property(r => r.Content).HasMaxLength(2000);
        b.HasIndex(r => r.OrderItemId).IsUnique();
        b.HasIndex(r => new { r.ProductId, r.CreatedAt });
        b.HasIndex(r => new { r.ProductId, r.Stars, r.CreatedAt });
        b.HasIndex(r => new { r.ProductId, r.HelpfulCount });
        b.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrderItem>().WithMany().HasForeignKey(r => r.OrderItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ReviewVoteConfig : IEntityTypeConfiguration<ReviewVote>
{
    public void Configure(EntityTypeBuilder<ReviewVote> b)
    {
        b.HasKey(v => new { v.ReviewId, v.MemberId });
        b.HasOne<ProductReview>().WithMany().HasForeignKey(v => v.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}
