using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>The sign-in page (<c>/connect/signin</c>) driven in Debian's Chromium as a person would use it.</summary>
public sealed class SignInPageTests : IAsyncLifetime
{
    private Browser browser = null!;

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task A_person_signs_in_through_the_page_and_the_native_app_receives_a_code_it_exchanges_for_tokens()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(TestEnvironment.GatewayUrl);
        var page = await browser.NewPageAsync();
        // The native app's loopback listener: the browser's last redirect lands here.
        string? received = null;
        await page.RouteAsync(flow.RedirectUri + "**", async route =>
        {
            received = route.Request.Url;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<!DOCTYPE html><title>ok</title><p>Vous pouvez fermer cette fenêtre.</p>" });
        });

        var opened = await page.GotoAsync(TestEnvironment.GatewayUrl.TrimEnd('/') + flow.AuthorizeUrl());
        Assert.Equal(200, opened!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Connexion", await page.InnerTextAsync("h1"));
        await page.GetByLabel("Adresse de messagerie").FillAsync(person.Email);
        await page.GetByLabel("Mot de passe").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(flow.RedirectUri + "**");

        var code = System.Web.HttpUtility.ParseQueryString(new Uri(received!).Query)["code"];
        Assert.False(string.IsNullOrEmpty(code));
        var tokens = await flow.ExchangeAsync(code!);
        using var rest = Channels.Rest(tokens.AccessToken);
        Assert.Contains(person.Email, await rest.GetStringAsync("/api/v1/me"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_generic_error_announced_to_screen_readers()
    {
        var person = await ActivePeople.CreateAsync();
        using var flow = new SignInFlow(TestEnvironment.GatewayUrl);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(TestEnvironment.GatewayUrl.TrimEnd('/') + flow.AuthorizeUrl());

        await page.GetByLabel("Adresse de messagerie").FillAsync(person.Email);
        await page.GetByLabel("Mot de passe").FillAsync("Pas-le-bon-mot-de-passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        Assert.Contains("incorrect", await page.InnerTextAsync("[role=alert]"));
        Assert.Equal("true", await page.Locator("#password").GetAttributeAsync("aria-invalid"));
    }
}
