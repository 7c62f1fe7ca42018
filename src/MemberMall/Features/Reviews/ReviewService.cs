using System.ComponentModel.DataAnnotations;
using MemberMall.Common;
using MemberMall.Features.Accounts;
using MemberMall.Features.Orders;
using MemberMall.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberMall.Features.Members.MemberEndpoints;

namespace MemberMall.Features.Reviews;

public sealed record ReviewInput([property: Required] Guid OrderItemId, int Stars, [property: Required, StringLength(2000, MinimumLength = 1)] string Content,
    [property: MaxLength(9), EachLength(500)] IReadOnlyList<string>? Images = null);

public sealed record ReviewView(Guid Id, string Author, int Stars, string Content, IReadOnlyList<string> Images, int Helpful, DateTimeOffset CreatedAt);

public sealed record ReviewQuery(int? Stars = null, string? Sort = null, int? Page = null, int? PageSize = null);

/// <summary>Reviews from members who received the product, with star filters and a "most helpful" order.</summary>
public sealed class ReviewService(MallDb db, Outbox.Outbox outbox, Points.PointsLedger points, Points.PointsSettingsService loyalty,
    Settings.ShopSettingsService shop, TimeProvider clock)
{
    public async Task<ReviewView> AddAsync(Guid memberId, Guid productId, ReviewInput input, CancellationToken ct)
    {
        ProductReview.RequireStars(input.Stars);
        var line = await (from i in db.Set<OrderItem>()
                          join o in db.Orders on i.OrderId equals o.Id
                          where i.Id == input.OrderItemId && o.MemberId == memberId && i.ProductId == productId
                          select new { o.Status }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("review.not_purchased", "Only members who bought this product can review it.");
        if (line.Status is not (OrderStatus.Delivered or OrderStatus.Completed))
            throw new DomainException("review.not_received", "Review a product once it has arrived.");
        if (await db.ProductReviews.AnyAsync(r => r.OrderItemId == input.OrderItemId, ct))
            throw new ConflictException("review.already_exists", "This purchase already has a review.");
        var name = await db.Members.Where(m => m.Id == memberId).Select(m => m.Name).SingleAsync(ct);
        var review = new ProductReview
        {
            ProductId = productId, MemberId = memberId, OrderItemId = input.OrderItemId, Stars = input.Stars, Content = input.Content.Trim(),
            Images = (input.Images ?? []).ToList(), AuthorName = Anonymise(name), CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.BeginWorkAsync(ct);
        db.ProductReviews.Add(review);
        outbox.Add("review.created", review.Id, new { reviewId = review.Id, productId, memberId, stars = review.Stars });
        await db.SaveChangesAsync(ct);
        await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ReviewCount, p => p.ReviewCount + 1).SetProperty(p => p.RatingTotal, p => p.RatingTotal + input.Stars), ct);
        var rules = await loyalty.GetAsync(ct);
        if (rules.ReviewPoints > 0)
        {
            await points.CreditAsync(memberId, rules.ReviewPoints, pending: false, rules.ExpiresAt(review.CreatedAt, (await shop.GetAsync(ct)).Zone),
                new Points.PointsSource("review", review.Id.ToString(), "review"), "review bonus", Common.Actor.System, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return View(review);
    }

    public async Task<PagedList<ReviewView>> ListAsync(Guid productId, ReviewQuery query, CancellationToken ct)
    {
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var q = db.ProductReviews.AsNoTracking().Where(r => r.ProductId == productId);
        if (query.Stars is { } stars) { ProductReview.RequireStars(stars); q = q.Where(r => r.Stars == stars); }
        q = query.Sort switch
        {
            null or "newest" => q.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            "helpful" => q.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt),
            _ => throw new RequestValidationException("reviews.sort_invalid", "sort", "Sort by newest or helpful."),
        };
        var total = await q.CountAsync(ct);
        var rows = await q.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<ReviewView>(rows.Select(View).ToList(), page, size, total, false, null);
    }

    public async Task<int> VoteHelpfulAsync(Guid memberId, Guid reviewId, CancellationToken ct)
    {
        if (!await db.ProductReviews.AnyAsync(r => r.Id == reviewId, ct)) throw new NotFoundException("review.not_found", "Review not found.");
        if (!await db.ReviewVotes.AnyAsync(v => v.ReviewId == reviewId && v.MemberId == memberId, ct))
        {
            await using var tx = await db.BeginWorkAsync(ct);
            db.ReviewVotes.Add(new ReviewVote { ReviewId = reviewId, MemberId = memberId, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
                await db.ProductReviews.Where(r => r.Id == reviewId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + 1), ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.UniqueViolation() is not null)
            {
                // The same member voted twice at once; one vote counts.
            }
        }
        return await db.ProductReviews.Where(r => r.Id == reviewId).Select(r => r.HelpfulCount).SingleAsync(ct);
    }

    /// <summary>Which of these order lines the member has already reviewed.</summary>
    public async Task<IReadOnlySet<Guid>> ReviewedLinesAsync(Guid memberId, IReadOnlyCollection<Guid> orderItemIds, CancellationToken ct) =>
        (await db.ProductReviews.AsNoTracking().Where(r => r.MemberId == memberId && orderItemIds.Contains(r.OrderItemId))
            .Select(r => r.OrderItemId).ToListAsync(ct)).ToHashSet();

    public static string Anonymise(string? name) => string.IsNullOrEmpty(name) ? "匿名会员" : name[..1] + "**";

    private static ReviewView View(ProductReview r) => new(r.Id, r.AuthorName, r.Stars, r.Content, r.Images, r.HelpfulCount, r.CreatedAt);
}
