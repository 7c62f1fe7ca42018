using MemberMall.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MemberMall.Tests.Browser;

public class SpikeTests(ITestOutputHelper output)
{
    [Fact, Trait("Category", "Browser")]
    public async Task Spike()
    {
        await using var app = await MallApp.StartAsync(kestrel: true);
        output.WriteLine("ClientOptions: " + app.ClientOptions.BaseAddress);
        var addrs = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        output.WriteLine("Addresses: " + string.Join(",", addrs ?? []));
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        var baseUrl = addrs!.First();
        var resp = await page.GotoAsync(baseUrl + "/");
        output.WriteLine("status " + resp!.Status);
        var css = await page.APIRequest.GetAsync(baseUrl + "/_content/MudBlazor/MudBlazor.min.css");
        output.WriteLine("css " + css.Status);
        var js = await page.APIRequest.GetAsync(baseUrl + "/_framework/blazor.web.js");
        output.WriteLine("js " + js.Status);
        await page.ScreenshotAsync(new() { Path = "/tmp/spike.png" });
        output.WriteLine(await page.ContentAsync());
    }
}
