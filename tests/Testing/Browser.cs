using Microsoft.Playwright;

namespace Medimail.Testing;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>MEDIMAIL_CHROMIUM_PATH</c> which scripts/test.sh sets) driven by
/// Playwright, headless: no browser is ever downloaded. One per test class (<c>IAsyncLifetime</c>).
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEDIMAIL_CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh profile (its own cookies) at a laptop's screen size, 1366×768.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "fr-FR", AcceptDownloads = true });

    public Task<IPage> NewPageAsync() => Chromium.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
