using System.Text;
using Medimail.Identity.V1;
using Medimail.Testing;
using Microsoft.Playwright;

namespace Medimail.AdminConsole.BrowserTests;

/// <summary>
/// Two more gateway replicas in front of the same services, as production runs several with no affinity: they share
/// the test profile gateway's data-protection key ring (MEDIMAIL_GATEWAY_KEYS_DIR), send people to the same public
/// origin, and renew the console's access token on every request (<c>Admin__RefreshMargin</c> above the token's
/// 5-minute lifetime), so each page they serve is a token refresh.
/// </summary>
public sealed class GatewayReplicas : IAsyncLifetime
{
    public ProductionGateway A { get; private set; } = null!;
    public ProductionGateway B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["PublicBaseUrl"] = TestEnvironment.GatewayUrl,
            ["DataProtection__KeysDirectory"] = Environment.GetEnvironmentVariable("MEDIMAIL_GATEWAY_KEYS_DIR") is { Length: > 0 } keys ? keys
                : throw new InvalidOperationException("MEDIMAIL_GATEWAY_KEYS_DIR is not set: run the tests through scripts/test.sh."),
            ["Admin__RefreshMargin"] = "00:10:00",
            ["RateLimits__Console__PermitLimit"] = "3000",
        };
        var started = await Task.WhenAll(ProductionGateway.StartAsync(settings), ProductionGateway.StartAsync(settings));
        (A, B) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

/// <summary>The console's session: sign-out, token renewal, and several gateway replicas without sticky sessions.</summary>
public sealed class SessionConsoleTests(ChromiumBrowser browser, GatewayReplicas replicas) : IClassFixture<ChromiumBrowser>, IClassFixture<GatewayReplicas>
{
    [Fact]
    public async Task Signing_out_revokes_the_refresh_token_and_the_pages_then_ask_to_sign_in()
    {
        var admin = await StructureAdminAsync();
        var console = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        var page = console.Page;
        var sessionCookies = (await console.Context.CookiesAsync()).Where(c => c.Name.StartsWith("medimail-admin", StringComparison.Ordinal)).ToList();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).WaitForAsync();
        await console.CheckScreenAsync("deconnecte");

        await page.GotoAsync(ConsoleSession.Url("/admin/utilisateurs"));
        await page.GetByLabel("Mot de passe").WaitForAsync();
        Assert.Contains("/connect/", page.Url);

        // The cookie kept from before the sign-out, replayed where the access token must be renewed: its refresh token
        // was revoked, so the replica refuses the session and sends the browser to the sign-in page.
        var replay = await browser.NewContextAsync();
        await replay.AddCookiesAsync(sessionCookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite }));
        var replayed = await replay.NewPageAsync();
        await replayed.GotoAsync(replicas.A.Url + "/admin/utilisateurs");
        await replayed.GetByLabel("Mot de passe").WaitForAsync();
        Assert.Contains("/connect/", replayed.Url);
        await replay.DisposeAsync();
        await console.DisposeAsync();
    }

    [Fact]
    public async Task An_expiring_access_token_is_renewed_on_the_next_page_by_either_replica_even_by_two_at_once()
    {
        var admin = await StructureAdminAsync();
        var console = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        var page = console.Page;
        var signedIn = await console.SessionCookieAsync();

        // Renewed by A without leaving the page (no trip through the sign-in: the address stays A's), then by B from A's cookie.
        await page.GotoAsync(replicas.A.Url + "/admin/journal");
        Assert.Equal("Journal", await page.InnerTextAsync("h1"));
        Assert.StartsWith(replicas.A.Url + "/admin/journal", page.Url);
        var renewedByA = await console.SessionCookieAsync();
        Assert.NotEqual(signedIn, renewedByA);
        await page.GotoAsync(replicas.B.Url + $"/admin/utilisateurs?structure={admin.StructureId}");
        Assert.Equal("Gestion des utilisateurs Medimail", await page.InnerTextAsync("h1"));
        Assert.StartsWith(replicas.B.Url, page.Url);
        Assert.NotEqual(renewedByA, await console.SessionCookieAsync());
        await console.CheckScreenAsync("replique");

        // The same cookie at both replicas at once: both renew it, one loses (a refresh token is used once), and that
        // one's page still comes, after a trip through the sign-in that asks nothing, back to that same page.
        var journal = console.Context.APIRequest.GetAsync(replicas.A.Url + "/admin/journal");
        var directory = console.Context.APIRequest.GetAsync(replicas.B.Url + "/admin/annuaire");
        var both = await Task.WhenAll(journal, directory);
        Assert.Equal(200, both[0].Status);
        Assert.Equal(200, both[1].Status);
        Assert.Contains("<h1>Journal</h1>", await both[0].TextAsync());
        Assert.Contains("<h1>Annuaire</h1>", await both[1].TextAsync());
        await page.GotoAsync(ConsoleSession.Url("/admin/journal"));
        Assert.Equal("Journal", await page.InnerTextAsync("h1"));
        await console.DisposeAsync();
    }

    [Fact]
    public async Task A_file_checked_through_one_replica_is_imported_through_another()
    {
        var admin = await StructureAdminAsync();
        var console = await ConsoleSession.SignInAsync(browser, admin.Email, admin.Password);
        var page = console.Page;
        var imported = Unique.Email("replique");
        var csv = "Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL\r\n" +
                  $"{imported};DUPONT;Jean;10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER\r\n";
        await page.GotoAsync(replicas.A.Url + $"/admin/utilisateurs/import?structure={admin.StructureId}");
        await page.GetByLabel("Liste d'utilisateurs à importer", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "loadusers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vérification terminée" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.StartsWith(replicas.A.Url, page.Url);

        await page.GotoAsync(replicas.B.Url + new Uri(page.Url).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer ce fichier" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Import terminé" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.StartsWith(replicas.B.Url, page.Url);
        Assert.Contains("1 compte(s) créé(s)", await page.InnerTextAsync("#progression-texte"));
        await console.CheckScreenAsync("import-replique");
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var account = await new AccountService.AccountServiceClient(channel).GetAccountAsync(new GetAccountRequest { Email = imported });
        Assert.Equal(Account.Types.State.PreRegistered, account.State);
        await console.DisposeAsync();
    }

    /// <summary>An ACTIVE PER person made admin of its structure by the operator.</summary>
    private static async Task<ActivePerson> StructureAdminAsync()
    {
        var admin = await ActivePeople.CreateAsync(Account.Types.Type.Per);
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        await new StructureService.StructureServiceClient(channel).AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });
        return admin;
    }
}
