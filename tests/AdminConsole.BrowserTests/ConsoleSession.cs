using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>One person in the console: a browser profile of its own, signed in through /admin/connexion and the real sign-in page.</summary>
internal sealed class ConsoleSession(IBrowserContext context, IPage page)
{
    public IPage Page => page;
    public IBrowserContext Context => context;
    public static string Url(string path) => TestEnvironment.GatewayUrl.TrimEnd('/') + path;

    /// <summary>The session cookie's value (chunks included): it changes whenever the gateway rewrites the session.</summary>
    public async Task<string> SessionCookieAsync() =>
        string.Join("|", (await context.CookiesAsync()).Where(c => c.Name.StartsWith("medimail-admin", StringComparison.Ordinal) && c.Name != "medimail-admin-flux")
            .OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Name + "=" + c.Value));

    public static async Task<ConsoleSession> SignInAsync(ChromiumBrowser browser, string email, string password)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/admin/"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Adresse de messagerie").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // The chain of redirects (sign-in form, authorization, callback) must end on the users' page. Waiting for its
        // "load" event as well once timed out at 30 s in a full run with the page already served in under a second:
        // the navigation committed, then its heading, is what the tests need.
        await page.WaitForURLAsync("**/admin/utilisateurs**", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("h1").WaitForAsync();
        return new ConsoleSession(context, page);
    }

    /// <summary>« Se déconnecter »: back on the console's landing page, which offers to sign in again.</summary>
    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).WaitForAsync();
    }

    /// <summary>axe-core (WCAG 2.1 A and AA rules, what RGAA 4.1 builds on): no serious or critical violation; and a screenshot to look at.</summary>
    public async Task CheckScreenAsync(string name)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("MEDIMAIL_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(AppContext.BaseDirectory, "test-results"), "screenshots");
        System.IO.Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"admin-{name}.png"), FullPage = true });
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("\n", serious));
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
