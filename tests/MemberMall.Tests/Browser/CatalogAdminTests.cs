using MemberMall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace MemberMall.Tests.Browser;

[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class CatalogAdminTests
{
    [Fact]
    public async Task Staff_create_a_product_adjust_its_stock_see_it_in_the_ledger_and_delist_it()
    {
        await using var b = await MallBrowser.StartAsync();
        await (await b.App.AdminAsync()).CategoryAsync("母婴用品");
        await b.SignInAsync("/admin/login", "admin", MallApp.AdminPassword, landsOn: "/admin");

        await b.ById("nav-categories").ClickAsync();
        await b.ById("category-add-child").ClickAsync();
        await b.Field("category-name-input").FillAsync("儿童水杯");
        await b.ById("category-save").ClickAsync();
        await Expect(b.ById("category-name")).ToHaveTextAsync(["母婴用品", "儿童水杯"]);

        await b.ById("nav-products").ClickAsync();
        await b.ById("product-create").ClickAsync();
        await b.Field("product-name-input").FillAsync("儿童保温杯");
        await b.ById("product-category-input").ClickAsync();
        await b.Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "儿童水杯" }).ClickAsync();
        await b.Field("product-price-input").FillAsync("59.90");
        await b.Field("product-stock-input").FillAsync("30");
        await b.Field("product-description-input").FillAsync("316 不锈钢内胆，12 小时保温。");
        await b.Field("product-tags-input").FillAsync("保温杯, 儿童");
        await b.ScreenshotAsync("catalog-1-create-dialog");
        await b.ById("product-save").ClickAsync();

        await Expect(b.ById("product-admin-title")).ToHaveTextAsync("儿童保温杯");
        await Expect(b.ById("product-admin-price")).ToHaveTextAsync("¥59.90");
        await Expect(b.ById("product-admin-stock")).ToHaveTextAsync("30");
        await Expect(b.ById("movement-kind")).ToHaveTextAsync("入库");

        await b.ById("product-adjust-stock").ClickAsync();
        await b.Field("stock-quantity").FillAsync("-25");
        await b.Field("stock-reason").FillAsync("盘点报损");
        await Expect(b.ById("stock-after")).ToContainTextAsync("5");
        await b.ById("stock-save").ClickAsync();
        await Expect(b.ById("product-admin-stock")).ToHaveTextAsync("5");
        await Expect(b.ById("movement-change").First).ToHaveTextAsync("-25");
        await Expect(b.ById("movement-reason").First).ToHaveTextAsync("盘点报损");
        await Expect(b.ById("movement-after").First).ToHaveTextAsync("5");
        await b.ScreenshotAsync("catalog-2-product-ledger");

        await b.ById("nav-stock").ClickAsync();
        await Expect(b.ById("stock-row-name")).ToHaveTextAsync("儿童保温杯");
        await Expect(b.ById("stock-row-stock")).ToHaveTextAsync("5");

        await b.OpenAsync("/products?q=" + Uri.EscapeDataString("保温杯"));
        await Expect(b.ById("product-name")).ToHaveTextAsync("儿童保温杯");

        await b.OpenAsync("/admin/products");
        await b.ById("product-row-name").GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await b.ById("product-edit").ClickAsync();
        await b.Page.GetByText("上架销售").ClickAsync();
        await b.ById("product-save").ClickAsync();
        await Expect(b.Page.Locator("[data-status=delisted]")).ToBeVisibleAsync();
        await b.OpenAsync("/admin/products");
        await Expect(b.ById("product-row-status")).ToHaveTextAsync("已下架");
        await b.ScreenshotAsync("catalog-3-products");

        await b.OpenAsync("/products?q=" + Uri.EscapeDataString("保温杯"));
        await Expect(b.ById("products-empty")).ToBeVisibleAsync();
    }
}
