using Medimail.Identity.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>A structure's connectors in the console: the secret shown once, rotated, revoked, and their last use.</summary>
public sealed class StructureConsoleTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_connector_secret_is_shown_once_then_rotated_and_revoked_and_its_last_use_is_shown()
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var (email, password) = await OperatorPerson.EnsureAsync();
        var console = await ConsoleSession.SignInAsync(browser, email, password);
        var page = console.Page;
        await page.GotoAsync(ConsoleSession.Url($"/admin/structures/{structure.Id}"));

        var name = "RIS " + Unique.Suffix();
        await page.GetByLabel("Nom du nouveau connecteur").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le connecteur" }).ClickAsync();
        var clientId = await page.InnerTextAsync("#client");
        var secret = await page.InnerTextAsync("#secret");
        Assert.StartsWith("connector-", clientId);
        await console.CheckScreenAsync("connecteur-secret");

        // Shown once: a reload of that page shows it no more, and changes nothing.
        await page.ReloadAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
        Assert.Contains("n'est plus affiché", await page.InnerTextAsync("main"));
        await page.GotoAsync(ConsoleSession.Url($"/admin/structures/{structure.Id}"));
        var row = page.Locator("tr", new() { HasText = clientId });
        Assert.Contains("jamais", await row.InnerTextAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync());

        // Used once: the table shows when.
        await Tokens.ClientCredentialsAsync(clientId, secret);
        await Eventually.GetAsync(async () => { await page.ReloadAsync(); return await row.InnerTextAsync(); },
            text => !text.Contains("jamais"), TimeSpan.FromSeconds(20), "the connector's last use shown");
        await console.CheckScreenAsync("structure-connecteurs");

        // Rotated: a new secret, the old one refused at /connect/token.
        await row.GetByRole(AriaRole.Button, new() { Name = "Nouveau secret" }).ClickAsync();
        var rotated = await page.InnerTextAsync("#secret");
        Assert.NotEqual(secret, rotated);
        using (var refused = await Tokens.RequestAsync(clientId, secret))
            Assert.False(refused.IsSuccessStatusCode, $"the old secret still obtains a token ({refused.StatusCode})");
        await Tokens.ClientCredentialsAsync(clientId, rotated);

        // Revoked: marked so, and even the new secret obtains nothing.
        await page.GotoAsync(ConsoleSession.Url($"/admin/structures/{structure.Id}"));
        await row.GetByRole(AriaRole.Button, new() { Name = "Révoquer" }).ClickAsync();
        await page.GetByText("Le connecteur est révoqué").WaitForAsync();
        Assert.Contains("Révoqué", await row.InnerTextAsync());
        using (var afterRevoke = await Tokens.RequestAsync(clientId, rotated))
            Assert.False(afterRevoke.IsSuccessStatusCode, $"a revoked connector still obtains a token ({afterRevoke.StatusCode})");
        await console.DisposeAsync();
    }
}
