using MemberMall.Tests.Support;
using Microsoft.Playwright;

namespace MemberMall.Tests.Browser;

/// <summary>
/// The app on real Kestrel (a browser needs a socket) and a headless Chromium pointed at it.
/// Chromium comes from the system (<c>apt-get install -y chromium fonts-noto-cjk</c>; <c>/usr/bin/chromium</c>
/// or <c>MALL_CHROMIUM</c>); Playwright's own browser download is never used. Screenshots land in
/// <c>bin/.../screenshots/</c>.
/// </summary>
public sealed class MallBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public MallApp App { get; }
    public IPage Page { get; }
    public string BaseUrl { get; }
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private MallBrowser(MallApp app, IPlaywright playwright, IBrowser browser, IPage page, string baseUrl)
    {
        (App, _playwright, _browser, Page, BaseUrl) = (app, playwright, browser, page, baseUrl);
    }

    public static async Task<MallBrowser> StartAsync(int width = 1280, int height = 800, Dictionary<string, string?>? settings = null)
    {
        var app = await MallApp.StartAsync(settings, kestrel: true);
        // With UseKestrel the factory points ClientOptions.BaseAddress at the bound port (checked: http://127.0.0.1:<port>/).
        var baseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var chromium = Environment.GetEnvironmentVariable("MALL_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"No Chromium at {chromium}: install it with `apt-get install -y chromium fonts-noto-cjk` or set MALL_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        return new MallBrowser(app, playwright, browser, await context.NewPageAsync(), baseUrl);
    }

    /// <summary>Opens a page and, for interactive pages, waits until the circuit is connected so clicks reach it.</summary>
    public async Task OpenAsync(string path, bool interactive = true)
    {
        await Page.GotoAsync(path);
        if (interactive) await WaitInteractiveAsync();
    }

    public Task WaitInteractiveAsync() => Page.Locator("[data-interactive='true']").WaitForAsync();

    public ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>The text box of a MudBlazor field or a plain input carrying the test id.</summary>
    public ILocator Field(string testId) =>
        Page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    public async Task SignInAsync(string path, string login, string password, string landsOn)
    {
        await OpenAsync(path, interactive: false);
        await Field("login-name").FillAsync(login);
        await Field("login-password").FillAsync(password);
        await ById("login-submit").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landsOn);
        await WaitInteractiveAsync();
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A full-page shot of a scrolled page draws the fixed app bar where the viewport was, and the member site's
        // fixed bottom bar half-way down a long page: for the shot the window grows to the page's height.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        var viewport = Page.ViewportSize!;
        var height = await Page.EvaluateAsync<int>("Math.ceil(document.documentElement.scrollHeight)");
        if (height > viewport.Height) await Page.SetViewportSizeAsync(viewport.Width, Math.Min(height, 4000));
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (height > viewport.Height) await Page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Browser tests run one at a time: each starts a Kestrel app and a Chromium, and several at once on a small
/// machine make page loads slow enough to hit Playwright's timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
