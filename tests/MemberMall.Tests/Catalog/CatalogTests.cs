using System.Net;
using System.Net.Http.Json;
using MemberMall.Tests.Support;

namespace MemberMall.Tests.Catalog;

public class CatalogTests
{
    [Fact]
    public async Task A_price_with_more_than_two_decimals_or_beyond_range_is_400_and_changes_nothing()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var id = await admin.ProductAsync("坚果礼盒", 19.99m, 5);

        await (await admin.PostAsJsonAsync("/api/admin/products", new { name = "新品", price = 19.999m, stock = 1 }))
            .ShouldFail(HttpStatusCode.BadRequest, "money.too_precise");
        await (await admin.PatchAsJsonAsync($"/api/admin/products/{id}", new { price = 19.999m })).ShouldFail(HttpStatusCode.BadRequest, "money.too_precise");
        await (await app.Anonymous().GetAsync("/api/products?minPrice=100000000000000000")).ShouldFail(HttpStatusCode.BadRequest, "money.out_of_range");

        var product = await (await app.Anonymous().GetAsync($"/api/products/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(19.99m, product["price"]!.GetValue<decimal>());
        Assert.Equal(1, await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Products)));
    }

    [Fact]
    public async Task Search_matches_Chinese_keywords_categories_and_price_ranges_and_sorts()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var digital = await admin.CategoryAsync("数码电器");
        var audio = await admin.CategoryAsync("耳机音响", digital);
        var food = await admin.CategoryAsync("食品生鲜");
        await admin.ProductAsync("无线蓝牙耳机", 199m, 10, audio);
        await admin.ProductAsync("降噪头戴式耳机", 899m, 10, audio);
        await admin.ProductAsync("智能手环", 249m, 10, digital);
        await admin.ProductAsync("坚果礼盒", 99m, 10, food);
        var shop = app.Anonymous();

        async Task<string[]> Names(string query) =>
            (await shop.Json("/api/products?" + query))["items"]!.AsArray().Select(i => i.Str("name")).ToArray();

        Assert.Equal(["无线蓝牙耳机"], await Names("q=" + Uri.EscapeDataString("蓝牙耳机")));
        Assert.Equal(["无线蓝牙耳机"], await Names("q=" + Uri.EscapeDataString("蓝牙 耳机")));
        Assert.Equal(["无线蓝牙耳机", "降噪头戴式耳机"], await Names("q=" + Uri.EscapeDataString("耳机") + "&sort=price"));
        Assert.Equal(["降噪头戴式耳机", "智能手环", "无线蓝牙耳机"], await Names($"categoryId={digital}&sort=-price"));
        Assert.Equal(["坚果礼盒", "无线蓝牙耳机"], await Names("maxPrice=200&sort=price"));
        Assert.Equal(["智能手环"], await Names("minPrice=200&maxPrice=300"));
        await (await shop.GetAsync("/api/products?minPrice=300&maxPrice=200")).ShouldFail(HttpStatusCode.BadRequest, "products.price_range_invalid");
        await (await shop.GetAsync("/api/products?sort=random")).ShouldFail(HttpStatusCode.BadRequest, "products.sort_invalid");

        var tree = await shop.Json("/api/categories");
        Assert.Equal("耳机音响", tree.AsArray().Single(c => c.Str("name") == "数码电器")!["children"]![0].Str("name"));
        var detail = await shop.Json("/api/products/" + (await shop.Json("/api/products?q=" + Uri.EscapeDataString("无线")))["items"]![0].Str("id"));
        Assert.Equal(["数码电器", "耳机音响"], detail["categoryPath"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Staff_edit_list_and_delist_products_with_audit_and_bad_input_is_refused()
    {
        await using var app = await MallApp.StartAsync();
        var admin = await app.AdminAsync();
        var id = await admin.ProductAsync("机械键盘", 299m, 10);

        var edited = await (await admin.PatchAsJsonAsync($"/api/admin/products/{id}", new { price = 279.9m, tags = new[] { "新品" } })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(279.9m, edited["price"]!.GetValue<decimal>());
        Assert.Single((await app.Anonymous().Json("/api/products?q=" + Uri.EscapeDataString("新品")))["items"]!.AsArray());
        (await admin.PatchAsJsonAsync($"/api/admin/products/{id}", new { status = "delisted" })).EnsureSuccessStatusCode();
        Assert.Empty((await app.Anonymous().Json("/api/products"))["items"]!.AsArray());
        Assert.Single((await admin.Json("/api/admin/products"))["items"]!.AsArray());

        await (await admin.PostAsJsonAsync("/api/admin/products", new { name = "免费", price = 0, stock = 1 })).ShouldFail(HttpStatusCode.BadRequest, "validation.failed");
        await (await admin.PostAsJsonAsync("/api/admin/products", new { name = "孤儿", price = 1, stock = 1, categoryId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "category.not_found");
        var audit = await admin.Json($"/api/admin/audit?entityType=product&entityId={id}");
        Assert.Equal(["product.update", "product.update", "product.create"], audit["items"]!.AsArray().Select(a => a.Str("action")));
        await (await (await app.StaffAsync("service")).PostAsJsonAsync("/api/admin/products", new { name = "x", price = 1 })).ShouldFail(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
