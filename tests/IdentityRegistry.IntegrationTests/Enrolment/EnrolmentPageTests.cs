using System.Net;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.IdentityRegistry.IntegrationTests.Enrolment;

/// <summary>The HTML page at /enrol/{token}, driven in Debian's Chromium as a person would use it.</summary>
public sealed class EnrolmentPageTests : IAsyncLifetime
{
    private Browser browser = null!;

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task A_person_fills_the_form_in_the_browser_and_sees_the_success_page()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var link = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        var page = await browser.NewPageAsync();

        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains(email, await page.InnerTextAsync("main"));
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("Tr0mbone-Ciel-Vert-42");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("Tr0mbone-Ciel-Vert-42");
        await page.GetByLabel("J'ai lu et j'accepte", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();

        Assert.Equal("Votre compte est activé", await page.InnerTextAsync("h1"));
        Assert.Equal("ACTIVE", await Platform.StateOfAsync(email));

        // The same link, opened again, shows the invalid-link page.
        var reopened = await page.GotoAsync(link);
        Assert.Equal(404, reopened!.Status);
        Assert.Equal("Lien invalide ou expiré", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_wrong_confirmation_shows_the_error_next_to_the_confirmation_field()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var link = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);

        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("Tr0mbone-Ciel-Vert-42");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("Tr0mbone-Ciel-Vert-43");
        await page.GetByLabel("J'ai lu et j'accepte", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();

        var confirmation = page.Locator("#passwordConfirmation");
        Assert.Equal("true", await confirmation.GetAttributeAsync("aria-invalid"));
        Assert.Contains("passwordConfirmation-erreur", await confirmation.GetAttributeAsync("aria-describedby") ?? "");
        Assert.Contains("ne sont pas identiques", await page.InnerTextAsync("#passwordConfirmation-erreur"));
        Assert.Null(await page.Locator("#password").GetAttributeAsync("aria-invalid"));
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));
    }

    [Fact]
    public async Task A_weak_password_shows_the_service_rule_on_the_password_field()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var link = await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);

        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync("motdepasse2024");
        await page.GetByLabel("Confirmez le mot de passe").FillAsync("motdepasse2024");
        await page.GetByLabel("J'ai lu et j'accepte", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();

        Assert.Equal("true", await page.Locator("#password").GetAttributeAsync("aria-invalid"));
        Assert.Contains("courants", await page.InnerTextAsync("#password-erreur"));
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));
    }

    [Fact]
    public async Task An_unknown_link_shows_the_invalid_link_page()
    {
        using var http = Platform.Anonymous();

        using var response = await http.GetAsync($"/enrol/{Platform.UnknownToken()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Lien invalide ou expiré", html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var (email, _) = await Platform.PreRegisteredPersonAsync();
        var token = SentMail.TokenOf(await SentMail.EnrolmentLinkForAsync(email, Platform.MailTimeout));
        using var http = Platform.Anonymous();

        using var response = await http.PostAsync($"/enrol/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["password"] = "Tr0mbone-Ciel-Vert-42",
            ["passwordConfirmation"] = "Tr0mbone-Ciel-Vert-42",
            ["acceptTerms"] = "2026-01",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PRE_REGISTERED", await Platform.StateOfAsync(email));
    }
}
