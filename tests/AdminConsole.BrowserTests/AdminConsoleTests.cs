using System.Text;
using Medimail.Identity.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>The console as operators and structure admins use it, in Debian's Chromium, against the real platform.</summary>
public sealed class AdminConsoleTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task An_operator_creates_a_structure_and_an_account_through_the_forms_finds_it_imports_a_file_and_meets_an_edit_conflict()
    {
        var (email, password) = await OperatorPerson.EnsureAsync();
        var console = await ConsoleSession.SignInAsync(browser, email, password);
        var page = console.Page;
        Assert.Contains("opérateur", await page.InnerTextAsync("header"));
        await console.CheckScreenAsync("utilisateurs");

        // A structure through the operators' form.
        var structure = Accounts.NewStructure();
        await page.GetByRole(AriaRole.Link, new() { Name = "Structures" }).ClickAsync();
        await page.GetByLabel("Nom de la structure").FillAsync(structure.Name);
        await page.GetByLabel("Type d'identifiant").SelectOptionAsync("SIRET");
        await page.GetByLabel("Identifiant", new() { Exact = false }).Last.FillAsync(structure.Identifier);
        await page.GetByLabel("Domaine MSSanté").FillAsync(structure.MssanteDomain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la structure" }).ClickAsync();
        Assert.Equal(structure.Name, await page.InnerTextAsync("h1"));
        await console.CheckScreenAsync("structure");
        var structureId = page.Url.Split('/').Last().Split('?')[0];

        // A PER account, type first; the form sent without a postal code shows the API's violation next to that field.
        var person = Accounts.Per();
        await page.GotoAsync(ConsoleSession.Url($"/admin/utilisateurs/nouveau?structure={structureId}"));
        await page.GetByLabel("Choisir un type de BAL").SelectOptionAsync("PER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByLabel("Adresse mail", new() { Exact = false }).First.FillAsync(person.Email);
        await page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync(person.LastName);
        await page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync(person.FirstName);
        await page.GetByLabel("RPPS").FillAsync(person.Rpps);
        await page.Locator("#profession").SelectOptionAsync(person.Profession);
        await page.Locator("#independentPractice").SelectOptionAsync("false");
        await page.GetByLabel("Ville", new() { Exact = false }).FillAsync(person.Address.City);
        await page.Locator("#address-departmentCode").SelectOptionAsync(person.Address.DepartmentCode);
        await page.Locator("#address-regionCode").SelectOptionAsync(person.Address.RegionCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'utilisateur" }).ClickAsync();
        Assert.Equal("true", await page.Locator("#address-postalCode").GetAttributeAsync("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#address-postalCode-erreur")));
        Assert.Contains("#address-postalCode", await page.Locator("#resume-erreurs a").First.GetAttributeAsync("href"));
        await console.CheckScreenAsync("creation-erreur");
        await page.Locator("#address-postalCode").FillAsync(person.Address.PostalCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'utilisateur" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/comptes/**");
        Assert.Contains(person.Email, await page.InnerTextAsync("h1"));
        await console.CheckScreenAsync("compte");

        // Found by the search box.
        await page.GotoAsync(ConsoleSession.Url($"/admin/utilisateurs?structure={structureId}"));
        await page.GetByLabel("Adresse mail, nom, prénom, RPPS, ADELI").FillAsync(person.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        Assert.Contains(person.Email, await page.InnerTextAsync("table tbody"));

        // An import: checked first (one bad line reported with its line and column), then imported with its progress.
        var imported = Unique.Email("import");
        var csv = "Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL\r\n" +
                  $"{imported};DUPONT;Jean;10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER\r\n" +
                  $"{Unique.Email("mauvais")};BERNARD;Sophie;;;1 place du Docteur Baylac;3105;TOULOUSE;31;76;MM-SEC;;NON;MED\r\n";
        await page.GotoAsync(ConsoleSession.Url($"/admin/utilisateurs/import?structure={structureId}"));
        await page.GetByLabel("Liste d'utilisateurs à importer", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "loadusers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vérification terminée" }).WaitForAsync();
        var report = await page.InnerTextAsync("table");
        Assert.Contains("3", report);   // the bad row is line 3 of the file
        Assert.Contains("CP", report);
        await console.CheckScreenAsync("import-rapport");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer ce fichier" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Import terminé" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("1 compte(s) créé(s)", await page.InnerTextAsync("#progression-texte"));

        // The edit form read before someone else's change: saving it explains the conflict and changes nothing.
        await page.GotoAsync(ConsoleSession.Url($"/admin/comptes/{Uri.EscapeDataString(person.Email)}/modifier"));
        await ChangeLegalNameThroughTheApiAsync(person.Email, "Clinique modifiée ailleurs");
        await page.GetByLabel("Raison sociale").FillAsync("Ma version");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'utilisateur" }).ClickAsync();
        Assert.Contains("modifié entre-temps", await page.InnerTextAsync("#conflit"));
        await console.CheckScreenAsync("conflit");
        await page.GotoAsync(ConsoleSession.Url($"/admin/comptes/{Uri.EscapeDataString(person.Email)}"));
        Assert.Contains("Clinique modifiée ailleurs", await page.InnerTextAsync("main"));
        await console.DisposeAsync();
    }

    [Fact]
    public async Task A_structure_admin_sees_only_the_structures_it_administers()
    {
        var admin = await ActivePeople.CreateAsync(Account.Types.Type.Med);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structures = new StructureService.StructureServiceClient(channel);
        var own = await structures.GetStructureAsync(new GetStructureRequest { Id = admin.StructureId });
        await structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });
        var other = await structures.CreateStructureAsync(Accounts.NewStructure());

        var console = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        var page = console.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes structures" }).ClickAsync();
        var list = await page.InnerTextAsync("table tbody");
        Assert.Contains(own.Name, list);
        Assert.DoesNotContain(other.Name, list);
        await console.CheckScreenAsync("mes-structures");

        var refused = await page.GotoAsync(ConsoleSession.Url($"/admin/structures/{other.Id}"));
        Assert.Equal(403, refused!.Status);
        Assert.Equal("Accès refusé", await page.InnerTextAsync("h1"));
        await console.DisposeAsync();
    }

    private static async Task ChangeLegalNameThroughTheApiAsync(string email, string legalName)
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var accounts = new AccountService.AccountServiceClient(channel);
        var current = await accounts.GetAccountAsync(new GetAccountRequest { Email = email });
        await accounts.UpdateAccountAsync(new UpdateAccountRequest
        {
            Account = new Account { Email = email, Etag = current.Etag, LegalName = legalName },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "legalName" } },
        });
    }
}
