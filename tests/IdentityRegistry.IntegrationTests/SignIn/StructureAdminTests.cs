using System.Text;
using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

/// <summary>
/// Structure administrators, with real tokens from the sign-in flow: granted and removed by an operator, their next
/// token follows, and an admin of B is refused every RPC on A's structure or accounts while the same RPC on B works.
/// </summary>
public sealed class StructureAdminTests
{
    private static async Task<GrpcChannelScope> OperatorAsync() => new(await Tokens.OperatorAsync());

    [Fact]
    public async Task A_granted_admin_signs_in_with_structure_admin_and_the_structure_and_loses_them_once_removed()
    {
        var admin = await ActivePeople.CreateAsync();
        using var op = await OperatorAsync();
        await op.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });

        var tokens = await PersonSignIn.SignInAsync(TestEnvironment.GatewayUrl, admin.Email, admin.Password);
        Assert.Equal(["person", "structure_admin"], Jwt.Values(tokens.AccessToken, "role").Order());
        Assert.Equal([admin.StructureId], Jwt.Values(tokens.AccessToken, "structure_id"));
        using (var rest = Channels.Rest(tokens.AccessToken))
        {
            var me = Google.Protobuf.JsonParser.Default.Parse<Me>(await rest.GetStringAsync("/api/v1/me"));
            Assert.Equal(["person", "structure_admin"], me.Roles.Order());
            Assert.Equal([admin.StructureId], me.AdministeredStructures.Select(s => s.Id));
        }

        await op.Structures.RemoveStructureAdminAsync(new RemoveStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });
        using var refreshed = await PersonSignIn.RefreshAsync(TestEnvironment.GatewayUrl, tokens.RefreshToken!);
        var next = await PersonSignIn.ReadTokensAsync(refreshed);

        Assert.Equal(["person"], Jwt.Values(next.AccessToken, "role"));
        Assert.Empty(Jwt.Values(next.AccessToken, "structure_id"));
    }

    [Fact]
    public async Task Only_an_active_nominative_account_can_be_made_admin_with_an_error_naming_the_field()
    {
        using var op = await OperatorAsync();
        var structure = await op.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var preRegistered = await op.Accounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Testing.Accounts.Per() });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            op.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = structure.Id, Email = preRegistered.Email }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("email", RpcErrors.FieldsOf(error));
        Assert.Contains("pas actif", error.Status.Detail);
        var unchanged = await op.Structures.GetStructureAsync(new GetStructureRequest { Id = structure.Id });
        Assert.Empty(unchanged.AdminEmails);
    }

    [Fact]
    public async Task A_person_of_another_structure_administers_a_structure_only_when_an_operator_grants_it()
    {
        var outsider = await ActivePeople.CreateAsync();
        var (admin, adminTokens) = await AdminOfNewStructureAsync();
        using var asAdmin = new GrpcChannelScope(adminTokens.AccessToken);
        using var op = await OperatorAsync();

        // An admin cannot grant, not even on its own structure.
        Assert.Equal(StatusCode.PermissionDenied, await Rpc.StatusOf(() => asAdmin.Structures.AddStructureAdminAsync(
            new AddStructureAdminRequest { StructureId = admin.StructureId, Email = outsider.Email }).ResponseAsync));
        var granted = await op.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = outsider.Email });

        Assert.Contains(outsider.Email, granted.AdminEmails);
    }

    [Fact]
    public async Task An_admin_of_B_is_refused_every_RPC_on_A_and_succeeds_on_B()
    {
        using var op = await OperatorAsync();
        var personA = await ActivePeople.CreateAsync();
        var (adminB, tokens) = await AdminOfNewStructureAsync();
        var personB = await ActivePeople.CreateAsync(Account.Types.Type.Med, adminB.StructureId);
        await InDirectoryAsync(personA.Email);
        await InDirectoryAsync(personB.Email);
        var connectorA = await op.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = personA.StructureId, Name = "Logiciel A" });
        using var admin = new GrpcChannelScope(tokens.AccessToken);

        var calls = new (string Name, Func<string, string, Task> Call)[]
        {
            ("GetStructure", (s, _) => admin.Structures.GetStructureAsync(new GetStructureRequest { Id = s }).ResponseAsync),
            ("SearchAccounts", (s, _) => admin.Accounts.SearchAccountsAsync(new SearchAccountsRequest { StructureId = s }).ResponseAsync),
            ("GetAccount", (_, e) => admin.Accounts.GetAccountAsync(new GetAccountRequest { Email = e }).ResponseAsync),
            ("ExportAccounts", async (s, _) =>
            {
                using var stream = admin.Accounts.ExportAccounts(new ExportAccountsRequest { StructureId = s, Format = ExportAccountsRequest.Types.Format.Csv });
                while (await stream.ResponseStream.MoveNext(CancellationToken.None)) { }
            }),
            ("StartImport", (s, _) => admin.Imports.StartImportAsync(new StartImportRequest
            {
                StructureId = s, FileName = "comptes.csv", DryRun = true, Content = Google.Protobuf.ByteString.CopyFrom(OneRowFile()),
            }).ResponseAsync),
            ("StartRelaunch", (s, _) => admin.Relaunches.StartRelaunchAsync(new StartRelaunchRequest { StructureId = s }).ResponseAsync),
            ("SetVisibility", (_, e) => admin.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = e, UnlistedNational = true }).ResponseAsync),
            ("CreateConnector", (s, _) => admin.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = s, Name = "Logiciel" }).ResponseAsync),
            ("ListConnectors", (s, _) => admin.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = s }).ResponseAsync),
            // Disabling last: the account of B stays reachable for the calls above.
            ("DisableAccount", (_, e) => admin.Accounts.DisableAccountAsync(new AccountActionRequest { Email = e }).ResponseAsync),
        };

        var onA = new List<string>();
        var onB = new List<string>();
        foreach (var (name, call) in calls)
        {
            onA.Add($"{name}: {await Rpc.StatusOf(() => call(personA.StructureId, personA.Email))}");
            onB.Add($"{name}: {await Rpc.StatusOf(() => call(adminB.StructureId, personB.Email))}");
        }
        // A's connector, by its client id, through B's structure or A's.
        foreach (var (name, call) in new (string, Func<string, Task>)[]
        {
            ("RotateConnectorSecret", s => admin.Structures.RotateConnectorSecretAsync(new ConnectorActionRequest { StructureId = s, ClientId = connectorA.ClientId }).ResponseAsync),
            ("RevokeConnector", s => admin.Structures.RevokeConnectorAsync(new ConnectorActionRequest { StructureId = s, ClientId = connectorA.ClientId }).ResponseAsync),
        })
        {
            onA.Add($"{name}: {await Rpc.StatusOf(() => call(personA.StructureId))}");
            Assert.Equal(StatusCode.NotFound, await Rpc.StatusOf(() => call(adminB.StructureId)));
        }

        // Calls addressed by an account of A answer NOT_FOUND, as for an address that does not exist: Identity-Registry
        // never tells a caller outside the structure which boxes exist there. Calls addressed by A's structure: PERMISSION_DENIED.
        var byAccount = new HashSet<string> { "GetAccount", "DisableAccount" };
        Assert.All(onA, result => Assert.EndsWith(byAccount.Contains(result[..result.IndexOf(':')]) ? ": NotFound" : ": PermissionDenied", result));
        Assert.All(onB, result => Assert.EndsWith(": OK", result));
        Assert.Equal(calls.Length + 2, onA.Count);
    }

    /// <summary>Waits until the Directory projected the box, so a refusal is about rights, not about a box not there yet.</summary>
    private static async Task InDirectoryAsync(string email)
    {
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var directory = new DirectoryService.DirectoryServiceClient(channel);
        await Eventually.GetAsync(() => Rpc.StatusOf(() => directory.GetEntryAsync(new GetEntryRequest { Directory = "regional", Email = email }).ResponseAsync),
            status => status == StatusCode.OK, TimeSpan.FromSeconds(30), $"{email} is in the regional directory");
    }

    /// <summary>A new ACTIVE person made admin of its own new structure by an operator, then signed in.</summary>
    internal static async Task<(ActivePerson Admin, PersonTokens Tokens)> AdminOfNewStructureAsync()
    {
        var admin = await ActivePeople.CreateAsync();
        using var op = await OperatorAsync();
        await op.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = admin.StructureId, Email = admin.Email });
        return (admin, await PersonSignIn.SignInAsync(TestEnvironment.GatewayUrl, admin.Email, admin.Password));
    }

    private static byte[] OneRowFile() => Encoding.UTF8.GetBytes(
        "Adresse mail;NOM;Prénom;RPPS;ADELI;Adresse (1);CP;VILLE;Département;Région;Profession;Spécialité;Activité libérale;Type BAL;" +
        "Type identifiant structure resp;Identifiant structure resp;Civilité exercice;Nom resp;Prénom resp;Profession resp;Identifiant resp;Description fonctionnelle;Compte(s) de connexion\r\n" +
        $"{Unique.Email("import")};DUPONT;Jean;10123456781;;1 place du Docteur Baylac;31059;TOULOUSE;31;76;10;SM54;NON;PER;;;;;;;;;\r\n");
}

/// <summary>The gRPC clients of one token through the gateway.</summary>
internal sealed class GrpcChannelScope(string token) : IDisposable
{
    private readonly global::Grpc.Net.Client.GrpcChannel channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, token);
    public StructureService.StructureServiceClient Structures => new(channel);
    public AccountService.AccountServiceClient Accounts => new(channel);
    public ImportService.ImportServiceClient Imports => new(channel);
    public RelaunchService.RelaunchServiceClient Relaunches => new(channel);
    public VisibilityService.VisibilityServiceClient Visibility => new(channel);
    public void Dispose() => channel.Dispose();
}
