using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Reviews;

public class ReviewTests
{
    [Fact]
    public async Task Buyers_review_received_products_and_shoppers_filter_by_stars_and_helpfulness()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var product = await admin.ProductAsync("降噪头戴式耳机", 899m, 10);
        var reviewers = new List<(HttpClient Client, string Line)>();
        foreach (var phone in new[] { "13812345601", "13812345602" })
        {
            var member = await app.MemberAsync(phone, name: phone.EndsWith('1') ? "王小明" : "李小红");
            var order = await app.PaidOrderAsync(member, await member.AddressAsync(), (product, 1));
            await (await member.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = order["items"]![0].Str("id"), stars = 5, content = "太早了" }))
                .ShouldFail(HttpStatusCode.UnprocessableEntity, "review.not_received");
            (await admin.PostAsJsonAsync($"/api/admin/orders/{order.Str("id")}/ship", new { carrier = "顺丰", trackingNo = "SF" + phone })).EnsureSuccessStatusCode();
            (await member.PostAsync($"/api/orders/{order.Str("id")}/confirm-receipt", null)).EnsureSuccessStatusCode();
            reviewers.Add((member, order["items"]![0].Str("id")));
        }

        var good = await (await reviewers[0].Client.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = reviewers[0].Line, stars = 5, content = "降噪效果很好" }))
            .ShouldBe(HttpStatusCode.Created);
        await (await reviewers[1].Client.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = reviewers[1].Line, stars = 2, content = "佩戴有点紧" }))
            .ShouldBe(HttpStatusCode.Created);
        await (await reviewers[0].Client.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = reviewers[0].Line, stars = 4, content = "再评" }))
            .ShouldFail(HttpStatusCode.Conflict, "review.already_exists");
        await (await reviewers[1].Client.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = reviewers[0].Line, stars = 1, content = "冒用" }))
            .ShouldFail(HttpStatusCode.UnprocessableEntity, "review.not_purchased");
        await (await reviewers[1].Client.PostAsJsonAsync($"/api/products/{product}/reviews", new { orderItemId = reviewers[1].Line, stars = 6, content = "x" }))
            .ShouldFail(HttpStatusCode.BadRequest, "review.stars_invalid");

        (await reviewers[1].Client.PostAsync($"/api/reviews/{good.Str("id")}/helpful", null)).EnsureSuccessStatusCode();
        var twice = await (await reviewers[1].Client.PostAsync($"/api/reviews/{good.Str("id")}/helpful", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, twice["helpful"]!.GetValue<int>());

        var shopper = app.Anonymous();
        var fiveStars = await shopper.Json($"/api/products/{product}/reviews?stars=5");
        var only = Assert.Single(fiveStars["items"]!.AsArray())!;
        Assert.Equal("降噪效果很好", only.Str("content"));
        Assert.Equal("王**", only.Str("author"));
        var helpful = await shopper.Json($"/api/products/{product}/reviews?sort=helpful");
        Assert.Equal(good.Str("id"), helpful["items"]![0].Str("id"));
        var detail = await shopper.Json($"/api/products/{product}");
        Assert.Equal(3.5, detail["rating"]!.GetValue<double>());
        Assert.Equal(2, detail["reviewCount"]!.GetValue<int>());
    }
}
