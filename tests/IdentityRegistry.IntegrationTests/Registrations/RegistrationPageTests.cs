using Medimail.Identity.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.IdentityRegistry.IntegrationTests.Registrations;

/// <summary>The public form <c>/inscription</c> filled in Debian's Chromium as a pharmacy would, then found in the operators' queue.</summary>
public sealed class RegistrationPageTests(IdentityFixture platform, ChromiumBrowser chromium)
    : IClassFixture<IdentityFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_pharmacy_fills_the_form_and_its_registration_waits_in_the_queue_as_pending_validation()
    {
        var box = Unique.Email("pharmacie.gare");
        var secretary = Unique.Email("secretariat.gare");
        var page = await chromium.NewPageAsync();

        var opened = await page.GotoAsync(TestEnvironment.GatewayUrl.TrimEnd('/') + "/inscription");
        Assert.Equal(200, opened!.Status);
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await page.FillAsync("#boxEmail", box);
        await page.FillAsync("#boxLastName", "Pharmacie");
        await page.FillAsync("#boxFirstName", "De la Gare " + Unique.Suffix());
        await page.FillAsync("#legalName", "SELARL Pharmacie de la Gare");
        await page.SelectOptionAsync("#identifierType", "SIRET");
        await page.FillAsync("#identifier", Testing.Accounts.RandomSiret());
        await page.FillAsync("#description", "Officine : ordonnances et résultats");
        await page.FillAsync("#respLastName", "MARTIN");
        await page.FillAsync("#respFirstName", "Claire");
        await page.SelectOptionAsync("#respProfession", "21");
        await page.FillAsync("#respIdentifier", Testing.Accounts.ResponsibleRpps);
        await page.FillAsync("#line1", "1 place du Docteur Baylac");
        await page.FillAsync("#postalCode", "31059");
        await page.FillAsync("#city", "Toulouse");
        await page.FillAsync("#departmentCode", "31");
        await page.GetByLabel("liste rouge de l'annuaire national MSSanté").CheckAsync();
        await page.SelectOptionAsync("#newType", "MED");
        await page.FillAsync("#newEmail", secretary);
        await page.FillAsync("#newLastName", "BERNARD");
        await page.FillAsync("#newFirstName", "Sophie");
        await page.SelectOptionAsync("#newProfession", "MM-SEC");
        await page.FillAsync("#newPassword", "Correct-cheval-pile-agrafe-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terminer" }).ClickAsync();

        Assert.Equal("Inscription enregistrée", await page.InnerTextAsync("h1"));
        var queue = await new RegistrationService.RegistrationServiceClient(platform.Channel).ListRegistrationsAsync(new ListRegistrationsRequest { PageSize = 500 });
        var registration = Assert.Single(queue.Registrations, r => r.Box.Email == box);
        Assert.Equal(Registration.Types.State.Pending, registration.State);
        var account = await platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = box });
        Assert.Equal(Account.Types.State.PendingValidation, account.State);
        Assert.True(account.UnlistedNational);
        Assert.Equal(Account.Types.State.PendingValidation, (await platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = secretary })).State);
    }
}
