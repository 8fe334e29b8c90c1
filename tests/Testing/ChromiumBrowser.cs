using Microsoft.Playwright;
using Xunit;

namespace Medimail.Testing;

/// <summary>
/// Debian's Chromium (<c>MEDIMAIL_CHROMIUM_PATH</c>, else <c>/usr/bin/chromium</c>) driven by Playwright, headless: no
/// browser is ever downloaded. A class fixture for page tests, or started and disposed by one test.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not started.");

    public static async Task<ChromiumBrowser> StartAsync()
    {
        var chromium = new ChromiumBrowser();
        await chromium.InitializeAsync();
        return chromium;
    }

    public Task<IPage> NewPageAsync() => Browser.NewPageAsync();

    /// <summary>A fresh profile (its own cookies) at a laptop's screen size, 1366×768, in French.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "fr-FR", AcceptDownloads = true });

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEDIMAIL_CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        browser = null;
        playwright = null;
    }
}
