using MemberMall.Features.Reviews;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Demo;

/// <summary>
/// Reviews for some of the demo's received order lines, with "helpful" votes from other buyers; each vote is a
/// row, so the counts match the votes as they do when members vote.
/// </summary>
internal sealed class DemoReviews(Random random, DateTimeOffset now)
{
    private static readonly Dictionary<int, string[]> Texts = new()
    {
        [5] = ["质量很好，和描述一致，物流也快，推荐购买！", "第二次回购了，家里人都说好用。", "包装很用心，做工精细，五星好评。", "性价比超高，客服态度也很好。"],
        [4] = ["整体不错，就是快递稍微慢了一点。", "东西挺好的，价格再便宜点就更好了。", "用了几天感觉还可以，符合预期。"],
        [3] = ["一般般吧，中规中矩。", "能用，但是做工有点粗糙。"],
        [2] = ["和图片有差距，有点失望。"],
        [1] = ["收到有破损，联系客服处理中。"],
    };

    private readonly List<ProductReview> _reviews = [];
    private readonly List<ReviewVote> _votes = [];
    private readonly List<Guid> _voters = [];
    private readonly Dictionary<Guid, (int Count, int Total)> _byProduct = [];

    public void Write(DemoOrder order, DemoBuyer buyer)
    {
        if (!_voters.Contains(buyer.MemberId)) _voters.Add(buyer.MemberId);
        if (order.Stage is not (DemoStage.Delivered or DemoStage.Completed) || order.Order.DeliveredAt is not { } delivered) return;
        foreach (var item in order.Order.Items.Where(_ => random.Next(100) < 45))
        {
            var at = delivered.AddHours(random.Next(2, 96));
            if (at > now) continue;
            var stars = random.Next(100) switch { < 55 => 5, < 82 => 4, < 93 => 3, < 97 => 2, _ => 1 };
            // Earlier buyers who found it helpful.
            var voters = _voters.Where(v => v != buyer.MemberId).OrderBy(_ => random.Next()).Take(random.Next(0, 5)).ToList();
            var review = new ProductReview
            {
                ProductId = item.ProductId, MemberId = buyer.MemberId, OrderItemId = item.Id, AuthorName = ReviewService.Anonymise(buyer.Name),
                Stars = stars, Content = Texts[stars][random.Next(Texts[stars].Length)], CreatedAt = at, HelpfulCount = voters.Count,
            };
            _reviews.Add(review);
            foreach (var voter in voters)
            {
                var votedAt = at.AddHours(random.Next(1, 48));
                _votes.Add(new ReviewVote { ReviewId = review.Id, MemberId = voter, CreatedAt = votedAt < now ? votedAt : now });
            }
            var (count, total) = _byProduct.GetValueOrDefault(item.ProductId);
            _byProduct[item.ProductId] = (count + 1, total + stars);
        }
    }

    public (int Count, int Total) For(Guid productId) => _byProduct.GetValueOrDefault(productId);

    public void AddTo(MallDb db)
    {
        db.ProductReviews.AddRange(_reviews);
        db.ReviewVotes.AddRange(_votes);
    }
}
