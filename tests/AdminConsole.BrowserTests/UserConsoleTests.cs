using System.Text.RegularExpressions;
using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>
/// « Gestion des utilisateurs Medimail » beyond the forms: relaunch and its delivery report, exports, the registration
/// queue, the directory as each type of person sees it and the journal, in Debian's Chromium against the real platform.
/// </summary>
public sealed partial class UserConsoleTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_relaunch_shows_its_date_then_who_it_reached_and_each_delivery_and_the_exports_hold_the_filtered_accounts()
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var accounts = new AccountService.AccountServiceClient(channel);
        var people = new[] { Accounts.Per(), Accounts.Per() };
        var secretary = Accounts.Med();
        foreach (var account in people.Append(secretary))
            await accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = account, SendInvitation = false });

        var (email, password) = await OperatorPerson.EnsureAsync();
        var console = await ConsoleSession.SignInAsync(browser, email, password);
        var page = console.Page;
        await page.GotoAsync(ConsoleSession.Url($"/admin/utilisateurs?structure={structure.Id}"));
        await ActionsMenu(page).ClickAsync();
        var relaunch = page.GetByRole(AriaRole.Button, new() { Name = "Relancer vos utilisateurs préinscrits" });
        Assert.DoesNotContain("Dernière relance", await relaunch.InnerTextAsync());
        await relaunch.ClickAsync();

        Assert.Contains("Relance envoyée : 3 utilisateur(s)", await page.InnerTextAsync("main"));
        await ActionsMenu(page).ClickAsync();
        Assert.Matches(LastRelaunchDate(), await relaunch.InnerTextAsync());
        await console.CheckScreenAsync("relance");

        // Each pre-registered person gets its mail at the SMTP sink, and the report follows each delivery to « Envoyé ».
        foreach (var account in people.Append(secretary))
            await SentMail.WaitForAsync(account.Email, Wait);
        await page.GetByRole(AriaRole.Link, new() { Name = "Afficher la dernière relance de vos utilisateurs préinscrits" }).ClickAsync();
        await Eventually.GetAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("table tbody tr", new() { HasText = "Envoyé" }).CountAsync();
        }, sent => sent == 3, Wait, "the last relaunch shows its 3 mails as sent");
        var report = await page.InnerTextAsync("main");
        Assert.Contains($"par {email}", report);
        foreach (var account in people.Append(secretary))
            Assert.Contains(account.Email, report);
        await console.CheckScreenAsync("derniere-relance");

        // The exports follow the search in use: PER only here, so the MED secretary is not in the files.
        await page.GotoAsync(ConsoleSession.Url($"/admin/utilisateurs?structure={structure.Id}"));
        await page.GetByLabel("Type d'utilisateur").SelectOptionAsync("PER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await ActionsMenu(page).ClickAsync();
        var csv = DownloadedFiles.CsvRows(await DownloadedFiles.DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Exporter la liste d'utilisateurs au format CSV" })));
        var xlsx = DownloadedFiles.XlsxRows(await DownloadedFiles.DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Exporter la liste d'utilisateurs au format XLSX" })));
        foreach (var rows in new[] { csv, xlsx })
        {
            Assert.Equal(people.Select(p => p.Email).Order(), DownloadedFiles.Column(rows, "Adresse mail").Order());
            Assert.All(DownloadedFiles.Column(rows, "Type BAL"), type => Assert.Equal("PER", type));
        }
        await console.DisposeAsync();
    }

    [Fact]
    public async Task Pending_registrations_are_validated_or_rejected_from_the_queue_and_the_journal_finds_both_acts()
    {
        var accepted = Registrations.NewRequest();
        var refused = Registrations.NewRequest();
        await Registrations.RegisterAsync(accepted);
        await Registrations.RegisterAsync(refused);

        var (email, password) = await OperatorPerson.EnsureAsync();
        var console = await ConsoleSession.SignInAsync(browser, email, password);
        var page = console.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Inscriptions en attente" }).ClickAsync();
        await OpenFromTheQueueAsync(page, accepted.Box.Email);
        await console.CheckScreenAsync("inscriptions");

        await page.GetByRole(AriaRole.Link, new() { Name = accepted.Box.Email }).ClickAsync();
        Assert.Contains(accepted.NewAccounts[0].Account.Email, await page.InnerTextAsync("main"));
        await console.CheckScreenAsync("inscription");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider l'inscription" }).ClickAsync();
        Assert.Contains("L'inscription est validée", await page.InnerTextAsync("[role=status]"));
        Assert.DoesNotContain(accepted.Box.Email, await page.InnerTextAsync("table"));
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var accounts = new AccountService.AccountServiceClient(channel);
        foreach (var address in new[] { accepted.Box.Email, accepted.NewAccounts[0].Account.Email })
            Assert.Equal(Account.Types.State.Active, (await accounts.GetAccountAsync(new GetAccountRequest { Email = address })).State);

        // A rejection needs its reason: refused without one (the field says so), then done, and nothing is left.
        await OpenFromTheQueueAsync(page, refused.Box.Email);
        await page.GetByRole(AriaRole.Link, new() { Name = refused.Box.Email }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rejeter l'inscription" }).ClickAsync();
        Assert.Equal("true", await page.Locator("#reason").GetAttributeAsync("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#reason-erreur")));
        await console.CheckScreenAsync("inscription-rejet-erreur");
        await page.Locator("#reason").FillAsync("Identifiant SIRET introuvable au répertoire.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rejeter l'inscription" }).ClickAsync();
        Assert.Contains("L'inscription est rejetée", await page.InnerTextAsync("[role=status]"));
        Assert.DoesNotContain(refused.Box.Email, await page.InnerTextAsync("table"));
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await accounts.GetAccountAsync(new GetAccountRequest { Email = refused.Box.Email }));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);

        // A link cannot make the console say its own words: only the server's messages, by their code.
        await page.GotoAsync(ConsoleSession.Url("/admin/inscriptions?fait=Votre+compte+est+bloqu%C3%A9%2C+appelez+le+0800"));
        Assert.DoesNotContain("appelez", await page.InnerTextAsync("main"));

        // The journal, filtered by action, target, actor and day, shows both decisions; a day before shows neither.
        var today = DateTime.Now.ToString("yyyy-MM-dd");
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal" }).ClickAsync();
        foreach (var (action, target) in new[] { ("ValidateRegistration", accepted.NewAccounts[0].Account.Email), ("RejectRegistration", refused.Box.Email) })
        {
            await FilterJournalAsync(page, target, email, action, today, today);
            var rows = await page.InnerTextAsync("table tbody");
            Assert.Contains(action, rows);
            Assert.Contains(target, rows);
        }
        await console.CheckScreenAsync("journal");
        var yesterday = DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd");
        await FilterJournalAsync(page, refused.Box.Email, email, "RejectRegistration", yesterday, yesterday);
        Assert.Contains("Aucune entrée", await page.InnerTextAsync("table tbody"));
        await console.DisposeAsync();
    }

    [Fact]
    public async Task The_directory_screen_shows_a_per_and_a_med_person_what_each_may_see_and_hides_the_liste_rouge()
    {
        // Three ACTIVE boxes sharing a made-up family name: one listed PER, one PER on the regional liste rouge, one MED.
        var family = "Annu" + new string(Unique.Suffix().Select(c => (char)('a' + c % 26)).ToArray());
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var listed = Accounts.Per();
        var unlisted = Accounts.Per();
        var med = Accounts.Med();
        foreach (var account in new[] { listed, unlisted, med })
        {
            account.LastName = family;
            await new AccountService.AccountServiceClient(channel).CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = account, SendInvitation = true });
        }
        await Task.WhenAll(new[] { listed, unlisted, med }.Select(a => ActivePeople.EnrolAsync(a.Email, ActivePeople.Password)));
        var directory = new DirectoryService.DirectoryServiceClient(channel);
        await Eventually.GetAsync(() => directory.SearchAsync(new SearchRequest { Directory = "regional", Query = family, PageSize = 10 }).ResponseAsync,
            found => found.TotalSize == 3, Wait, "the three boxes reach the regional directory");
        await new VisibilityService.VisibilityServiceClient(channel).SetVisibilityAsync(new SetVisibilityRequest { Email = unlisted.Email, UnlistedRegional = true });
        var perSearcher = ActivePeople.CreateAsync(Account.Types.Type.Per, structure.Id);
        var medSearcher = ActivePeople.CreateAsync(Account.Types.Type.Med, structure.Id);

        var per = await ConsoleSession.SignInAsync(browser, (await perSearcher).Email, ActivePeople.Password);
        var regional = await SearchDirectoryAsync(per, "regional", family);
        Assert.Contains(listed.Email, regional);
        Assert.Contains(med.Email, regional);
        Assert.DoesNotContain(unlisted.Email, regional);
        await per.CheckScreenAsync("annuaire-per-regional");
        var national = await SearchDirectoryAsync(per, "national", family);
        Assert.Contains(listed.Email, national);
        Assert.Contains(unlisted.Email, national);  // on liste rouge for the regional directory only
        Assert.DoesNotContain(med.Email, national);  // MED boxes are never in the national directory
        await per.CheckScreenAsync("annuaire-per-national");
        await per.DisposeAsync();

        var medPerson = await ConsoleSession.SignInAsync(browser, (await medSearcher).Email, ActivePeople.Password);
        var medRegional = await SearchDirectoryAsync(medPerson, "regional", family);
        Assert.Contains(listed.Email, medRegional);
        Assert.DoesNotContain(unlisted.Email, medRegional);
        await medPerson.CheckScreenAsync("annuaire-med-regional");
        // A MED person may search the regional directory only.
        await medPerson.Page.GetByLabel("Annuaire", new() { Exact = true }).SelectOptionAsync("national");
        await medPerson.Page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        Assert.Equal("Accès refusé", await medPerson.Page.InnerTextAsync("h1"));
        await medPerson.CheckScreenAsync("annuaire-med-national-refuse");
        await medPerson.DisposeAsync();
    }

    /// <summary>Shows the queue's page that lists <paramref name="box"/> (oldest first, 50 a page: other tests' registrations may come before).</summary>
    private static async Task OpenFromTheQueueAsync(IPage page, string box)
    {
        await page.GotoAsync(ConsoleSession.Url("/admin/inscriptions"));
        for (var pages = 0; !await page.GetByRole(AriaRole.Link, new() { Name = box }).IsVisibleAsync(); pages++)
        {
            Assert.True(pages < 20, $"{box} is not in the queue");
            await page.GetByRole(AriaRole.Link, new() { Name = "Page suivante" }).ClickAsync();
        }
    }

    private static ILocator ActionsMenu(IPage page) => page.Locator("summary", new() { HasText = "Actions" });

    private static async Task<string> SearchDirectoryAsync(ConsoleSession console, string directory, string query)
    {
        var page = console.Page;
        await page.GotoAsync(ConsoleSession.Url("/admin/annuaire"));
        await page.GetByLabel("Annuaire", new() { Exact = true }).SelectOptionAsync(directory);
        await page.GetByLabel("Nom, prénom, RPPS, ADELI ou adresse").FillAsync(query);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        return await page.InnerTextAsync("table");
    }

    private static async Task FilterJournalAsync(IPage page, string target, string actor, string action, string from, string to)
    {
        await page.GetByLabel("Cible (adresse, structure…)").FillAsync(target);
        await page.GetByLabel("Auteur").FillAsync(actor);
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync(action);
        await page.GetByLabel("Du", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("Au", new() { Exact = true }).FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
    }

    [GeneratedRegex(@"\(Dernière relance le : \d\d/\d\d/\d{4} à \d\d:\d\d:\d\d\)")]
    private static partial Regex LastRelaunchDate();
}
