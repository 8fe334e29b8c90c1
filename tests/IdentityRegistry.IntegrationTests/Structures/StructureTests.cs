using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Structures;

/// <summary>
/// Structures end to end through the gateway: GetStructure, AddStructureAdmin with a person enrolled through the real
/// link, connectors (what they may not do, and their secret as stored).
/// </summary>
public sealed class StructureTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly string Database = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DB") ?? "identity";
    private const string GoodPassword = "Tr0mbone-Ciel-Vert-42";

    [Fact]
    public async Task GetStructure_returns_the_created_structure_to_the_operator_and_to_its_connector_only()
    {
        var request = Testing.Accounts.NewStructure();
        var created = await fixture.Structures.CreateStructureAsync(request);

        var read = await fixture.Structures.GetStructureAsync(new GetStructureRequest { Id = created.Id });

        // As created (PostgreSQL keeps microseconds of the creation time).
        Assert.Equal((created.Id, created.Etag, created.NationalId), (read.Id, read.Etag, read.NationalId));
        Assert.InRange((read.CreateTime.ToDateTimeOffset() - created.CreateTime.ToDateTimeOffset()).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Equal((request.Name, request.IdentifierType, request.Identifier, request.MssanteDomain),
            (read.Name, read.IdentifierType, read.Identifier, read.MssanteDomain));
        Assert.Equal("3" + request.Identifier, read.NationalId);
        Assert.Empty(read.AdminEmails);
        // Its own connector reads it; another structure's connector is refused.
        Assert.Equal(created.Id, (await ConnectorStructures(await ConnectorTokenAsync(created.Id))
            .GetStructureAsync(new GetStructureRequest { Id = created.Id })).Id);
        var other = ConnectorStructures(await ConnectorTokenAsync(fixture.Structure.Id));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await other.GetStructureAsync(new GetStructureRequest { Id = created.Id }));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task GetStructure_of_an_unknown_id_is_not_found_and_of_a_malformed_id_names_the_field()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Structures.GetStructureAsync(new GetStructureRequest { Id = Guid.NewGuid().ToString() }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var malformed = await Assert.ThrowsAsync<RpcException>(async () =>
            await fixture.Structures.GetStructureAsync(new GetStructureRequest { Id = "pas-un-uuid" }));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal(["id"], RpcErrors.FieldsOf(malformed));
    }

    [Fact]
    public async Task AddStructureAdmin_makes_an_active_enrolled_person_an_admin_of_the_structure()
    {
        var structure = await fixture.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var person = await EnrolledPersonAsync(structure.Id);

        var updated = await fixture.Structures.AddStructureAdminAsync(new AddStructureAdminRequest
        {
            StructureId = structure.Id, Email = person.ToUpperInvariant(),
        });

        Assert.Equal([person], updated.AdminEmails);
        Assert.NotEqual(structure.Etag, updated.Etag);
        var read = await fixture.Structures.GetStructureAsync(new GetStructureRequest { Id = structure.Id });
        Assert.Equal([person], read.AdminEmails);
        // Naming the same person again changes nothing.
        var again = await fixture.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = structure.Id, Email = person });
        Assert.Equal((updated.AdminEmails, updated.Etag), (again.AdminEmails, again.Etag));
    }

    [Fact]
    public async Task AddStructureAdmin_refuses_a_shared_box_an_unknown_address_and_a_caller_that_is_not_the_operator()
    {
        var structure = await fixture.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var box = await fixture.CreateAsync(Testing.Accounts.Org(fixture.Person.Email));

        foreach (var email in new[] { box.Email, Unique.Email("inconnu") })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await fixture.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = structure.Id, Email = email }));
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Equal(["email"], RpcErrors.FieldsOf(refused));
        }
        var connector = ConnectorStructures(await ConnectorTokenAsync(structure.Id));
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await connector.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = structure.Id, Email = fixture.Person.Email }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Empty((await fixture.Structures.GetStructureAsync(new GetStructureRequest { Id = structure.Id })).AdminEmails);
    }

    [Fact]
    public async Task A_connector_may_neither_import_nor_export_accounts()
    {
        var token = await ConnectorTokenAsync(fixture.Structure.Id);
        var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, token);

        var import = await Assert.ThrowsAsync<RpcException>(async () => await new ImportService.ImportServiceClient(channel)
            .StartImportAsync(new StartImportRequest
            {
                StructureId = fixture.Structure.Id, FileName = "loadusers.csv",
                Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes("Adresse mail;NOM\r\n")),
            }));
        Assert.Equal(StatusCode.PermissionDenied, import.StatusCode);

        using var call = new AccountService.AccountServiceClient(channel)
            .ExportAccounts(new ExportAccountsRequest { StructureId = fixture.Structure.Id });
        var export = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.PermissionDenied, export.StatusCode);
        // Over REST: a 403 before the first byte of a file.
        using var rest = Channels.Rest(token);
        using var response = await rest.GetAsync($"/api/v1/accounts:export?structureId={fixture.Structure.Id}&format=CSV");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_connector_secret_is_stored_hashed_and_still_opens_a_token()
    {
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest
        {
            StructureId = fixture.Structure.Id, Name = "Logiciel de cabinet",
        });

        var stored = await StoredSecretAsync(connector.ClientId);

        Assert.NotNull(stored);
        Assert.DoesNotContain(connector.ClientSecret, stored);
        // OpenIddict's PBKDF2 format: version 0x01, PRF, iteration count (big-endian), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(stored);
        Assert.Equal(0x01, bytes[0]);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.True(iterations >= 10_000, $"{iterations} PBKDF2 iterations");
        Assert.False(string.IsNullOrEmpty(await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret)));
        using var wrong = await Tokens.RequestAsync(connector.ClientId, connector.ClientSecret + "x");
        Assert.False(wrong.IsSuccessStatusCode);
    }

    private async Task<string> ConnectorTokenAsync(string structureId)
    {
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structureId, Name = "Logiciel de test" });
        return await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret);
    }

    private static StructureService.StructureServiceClient ConnectorStructures(string token) =>
        new(Channels.Create(TestEnvironment.GatewayGrpcUrl, token));

    /// <summary>A PER account of the structure, invited, enrolled through the link of its e-mail: ACTIVE.</summary>
    private async Task<string> EnrolledPersonAsync(string structureId)
    {
        var account = await fixture.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = structureId, Account = Testing.Accounts.Per(), SendInvitation = true,
        });
        var token = SentMail.TokenOf(await SentMail.EnrolmentLinkForAsync(account.Email, TimeSpan.FromSeconds(60)));
        var enrolments = new EnrolmentService.EnrolmentServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, token: null));
        var enrolment = await enrolments.GetEnrolmentAsync(new GetEnrolmentRequest { Token = token });
        var done = await enrolments.CompleteEnrolmentAsync(new CompleteEnrolmentRequest
        {
            Token = token, Password = GoodPassword, AcceptedTermsVersion = enrolment.TermsVersion,
        });
        Assert.Equal(Account.Types.State.Active, done.Account.State);
        return account.Email;
    }

    private static async Task<string?> StoredSecretAsync(string clientId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(Database));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT client_secret FROM "OpenIddictApplications" WHERE client_id = @id""", connection);
        query.Parameters.AddWithValue("id", clientId);
        return await query.ExecuteScalarAsync() as string;
    }
}
