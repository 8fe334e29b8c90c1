using Medimail.Identity.V1;
using Medimail.Mailbox.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>
/// Shared (ORG) boxes in the console, as a structure admin runs them: the admin made through the operator's structure
/// page, the ORG box created through the form (its connection account required), then its connection accounts.
/// </summary>
public sealed class SharedBoxConsoleTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>
{
    private static readonly TimeSpan Projection = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operator_makes_a_structure_admin_who_then_creates_an_org_box_only_with_a_connection_account()
    {
        var (operatorEmail, operatorPassword) = await OperatorPerson.EnsureAsync();
        var console = await ConsoleSession.SignInAsync(browser, operatorEmail, operatorPassword);
        var page = console.Page;
        var structure = Accounts.NewStructure();
        await page.GetByRole(AriaRole.Link, new() { Name = "Structures" }).ClickAsync();
        await page.GetByLabel("Nom de la structure").FillAsync(structure.Name);
        await page.GetByLabel("Type d'identifiant").SelectOptionAsync("SIRET");
        await page.Locator("#identifier").FillAsync(structure.Identifier);
        await page.GetByLabel("Domaine MSSanté").FillAsync(structure.MssanteDomain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la structure" }).ClickAsync();
        Assert.Equal(structure.Name, await page.InnerTextAsync("h1"));
        var structureId = page.Url.Split('/').Last().Split('?')[0];

        // An ACTIVE person of the structure becomes its admin through the admins section.
        var admin = await ActivePeople.CreateAsync(Account.Types.Type.Med, structureId);
        await page.GetByLabel("Adresse du nouvel administrateur").FillAsync(admin.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter l'administrateur" }).ClickAsync();
        await page.GetByText("administre maintenant la structure").WaitForAsync();
        Assert.Contains(admin.Email, await page.InnerTextAsync("#t-adm + ul"));
        await console.CheckScreenAsync("structure-administrateurs");
        await console.SignOutAsync();

        var adminConsole = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        page = adminConsole.Page;
        Assert.DoesNotContain("opérateur", await page.InnerTextAsync("header"));
        var member = await CreatePersonAsync(structureId);
        await page.Locator("summary", new() { HasText = "Actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer un nouvel utilisateur" }).ClickAsync();
        await page.GetByLabel("Choisir un type de BAL").SelectOptionAsync("ORG");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        var org = Accounts.Org(member);
        await FillOrgFormAsync(page, org);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'utilisateur" }).ClickAsync();

        // Refused without a connection account: the error beside the field and in the summary, nothing created.
        await page.Locator("#connectionAccounts-erreur").WaitForAsync();
        var field = page.Locator("#connectionAccounts");
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        Assert.Contains("compte de connexion", await page.InnerTextAsync("#connectionAccounts-erreur"));
        Assert.Contains("connectionAccounts-erreur", await field.GetAttributeAsync("aria-describedby"));
        var summaryLink = page.Locator("#resume-erreurs a[href='#connectionAccounts']");
        Assert.Contains("compte de connexion", await summaryLink.InnerTextAsync());
        await adminConsole.CheckScreenAsync("org-sans-compte-de-connexion");

        await field.FillAsync(member);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'utilisateur" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/comptes/**");
        Assert.Contains(org.Email, await page.InnerTextAsync("h1"));
        Assert.Contains(member, await page.InnerTextAsync("section[aria-labelledby='t-cx'] table"));
        await adminConsole.CheckScreenAsync("org-creee");
        await adminConsole.DisposeAsync();
        await console.DisposeAsync();
    }

    [Fact]
    public async Task A_structure_admin_adds_a_connection_account_sets_its_two_settings_and_removes_it()
    {
        var admin = await ActivePeople.CreateAsync(Account.Types.Type.Med);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        await new StructureService.StructureServiceClient(channel).AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });
        var first = await CreatePersonAsync(admin.StructureId);
        var second = await CreatePersonAsync(admin.StructureId);
        var org = await new AccountService.AccountServiceClient(channel).CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = admin.StructureId, Account = Accounts.Org(first), RequestId = Guid.NewGuid().ToString(),
        });

        var console = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        var page = console.Page;
        await page.GotoAsync(ConsoleSession.Url($"/admin/comptes/{Uri.EscapeDataString(org.Email)}"));
        await page.GetByLabel("Ajouter un compte de connexion").FillAsync(second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le compte de connexion" }).ClickAsync();
        await page.GetByText("Les comptes de connexion sont enregistrés.").WaitForAsync();
        var connections = page.Locator("section[aria-labelledby='t-cx'] tbody tr");
        var row = connections.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = second }) });
        Assert.Equal(1, await row.CountAsync());

        // Its settings become editable once the change reaches the messaging service.
        var makeDefault = row.GetByRole(AriaRole.Button, new() { Name = "Définir comme compte par défaut" });
        await Eventually.GetAsync(async () => { await page.ReloadAsync(); return await makeDefault.CountAsync(); }, n => n == 1, Projection,
            "the new connection account's settings shown");
        await makeDefault.ClickAsync();
        await page.GetByText($"{second} : compte par défaut oui").WaitForAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Activer la notif" }).ClickAsync();
        await page.GetByText("notif de réception vers compte de connexion oui").WaitForAsync();
        await page.ReloadAsync();
        var cells = row.Locator("td");
        Assert.StartsWith("Oui", (await cells.Nth(0).InnerTextAsync()).Trim());
        Assert.StartsWith("Activée", (await cells.Nth(1).InnerTextAsync()).Trim());
        Assert.StartsWith("Non", (await connections.Filter(new() { HasText = first }).Locator("td").Nth(0).InnerTextAsync()).Trim());
        await console.CheckScreenAsync("org-comptes-de-connexion");

        var box = await new MailboxService.MailboxServiceClient(channel).GetMailboxAsync(new GetMailboxRequest { Address = org.Email });
        var held = Assert.Single(box.Connections, c => c.Email == second);
        Assert.True(held.IsDefault && held.ReceptionNotice, $"Mailbox holds {held}");

        // And back: no longer the default, the notice kept.
        await row.GetByRole(AriaRole.Button, new() { Name = "Ne plus ouvrir par défaut" }).ClickAsync();
        await page.GetByText($"{second} : compte par défaut non, notif de réception vers compte de connexion oui").WaitForAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Retirer" }).ClickAsync();
        await page.GetByText("Les comptes de connexion sont enregistrés.").WaitForAsync();
        Assert.Equal(0, await row.CountAsync());
        Assert.Equal(1, await connections.Filter(new() { HasText = first }).CountAsync());
        await console.DisposeAsync();
    }

    /// <summary>A pre-registered PER account of the structure: a connection account needs no enrolment.</summary>
    private static async Task<string> CreatePersonAsync(string structureId)
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var created = await new AccountService.AccountServiceClient(channel).CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = structureId, Account = Accounts.Per(), RequestId = Guid.NewGuid().ToString(),
        });
        return created.Email;
    }

    private static async Task FillOrgFormAsync(IPage page, Account org)
    {
        await page.Locator("#email").FillAsync(org.Email);
        await page.Locator("#lastName").FillAsync(org.LastName);
        await page.Locator("#firstName").FillAsync(org.FirstName);
        await page.Locator("#profession").SelectOptionAsync(org.Profession);
        await page.Locator("#independentPractice").SelectOptionAsync("false");
        await page.Locator("#structureIdentifierType").SelectOptionAsync("SIRET");
        await page.Locator("#structureIdentifier").FillAsync(org.StructureIdentifier);
        await page.Locator("#responsible-lastName").FillAsync(org.Responsible.LastName);
        await page.Locator("#responsible-firstName").FillAsync(org.Responsible.FirstName);
        await page.Locator("#responsible-profession").SelectOptionAsync(org.Responsible.Profession);
        await page.Locator("#responsible-identifier").FillAsync(org.Responsible.Identifier);
        await page.Locator("#description").FillAsync(org.Description);
        await page.Locator("#address-postalCode").FillAsync(org.Address.PostalCode);
        await page.Locator("#address-city").FillAsync(org.Address.City);
        await page.Locator("#address-departmentCode").SelectOptionAsync(org.Address.DepartmentCode);
        await page.Locator("#address-regionCode").SelectOptionAsync(org.Address.RegionCode);
    }
}
