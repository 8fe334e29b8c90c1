using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.IntegrationTests.SignIn;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Audit;

/// <summary>
/// Connector changes and admin grants commit in the same transaction as their audit entry: when the database refuses
/// one of the two (a trigger installed by the test, on this test's rows only), neither is kept; a committed change has
/// exactly one entry.
/// </summary>
public sealed class SecurityAuditTransactionTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task A_connector_whose_audit_entry_cannot_be_written_is_not_created_and_a_created_one_has_exactly_one_entry()
    {
        var structure = await platform.NewStructureAsync();
        var create = new CreateConnectorRequest { StructureId = structure.Id, Name = "Logiciel" };

        await using (await RefusingAsync("audit_entries", "INSERT", $"NEW.action = 'CONNECTOR_CREATED' AND NEW.structure_id = '{structure.Id}'"))
            Assert.Equal(StatusCode.Internal, await Rpc.StatusOf(() => platform.Structures.CreateConnectorAsync(create).ResponseAsync));
        var afterRefusal = await platform.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = structure.Id });
        var created = await platform.Structures.CreateConnectorAsync(create);

        Assert.Empty(afterRefusal.Connectors);
        var entries = await EntriesAsync(new ListAuditEntriesRequest { StructureId = structure.Id, Action = "CONNECTOR_CREATED" });
        Assert.Equal([created.ClientId], entries.Select(e => e.Target));
    }

    [Fact]
    public async Task A_secret_rotation_that_rolls_back_keeps_the_old_secret_and_leaves_no_audit_entry()
    {
        var created = await platform.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = platform.Structure.Id, Name = "Logiciel " + Unique.Suffix() });
        var rotate = new ConnectorActionRequest { StructureId = platform.Structure.Id, ClientId = created.ClientId };

        await using (await RefusingAsync("connectors", "UPDATE", $"NEW.client_id = '{created.ClientId}'"))
            Assert.Equal(StatusCode.Internal, await Rpc.StatusOf(() => platform.Structures.RotateConnectorSecretAsync(rotate).ResponseAsync));

        Assert.NotEmpty(await Tokens.ClientCredentialsAsync(created.ClientId, created.ClientSecret));
        var entries = await EntriesAsync(new ListAuditEntriesRequest { Target = created.ClientId });
        Assert.Equal(["CONNECTOR_CREATED"], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task An_admin_grant_whose_audit_entry_cannot_be_written_is_not_granted_and_a_granted_one_has_exactly_one_entry()
    {
        var person = await ActivePeople.CreateAsync();
        var grant = new AddStructureAdminRequest { StructureId = person.StructureId, Email = person.Email };

        await using (await RefusingAsync("audit_entries", "INSERT", $"NEW.action = 'STRUCTURE_ADMIN_ADDED' AND NEW.target = '{person.Email}'"))
            Assert.Equal(StatusCode.Internal, await Rpc.StatusOf(() => platform.Structures.AddStructureAdminAsync(grant).ResponseAsync));
        var afterRefusal = await platform.Structures.GetStructureAsync(new GetStructureRequest { Id = person.StructureId });
        await platform.Structures.AddStructureAdminAsync(grant);

        Assert.Empty(afterRefusal.AdminEmails);
        var entries = await EntriesAsync(new ListAuditEntriesRequest { Target = person.Email, Action = "STRUCTURE_ADMIN_ADDED" });
        Assert.Single(entries);
    }

    private async Task<List<AuditEntry>> EntriesAsync(ListAuditEntriesRequest request) =>
        (await platform.Audit.ListAuditEntriesAsync(request)).Entries.ToList();

    /// <summary>
    /// A trigger that makes the database refuse the matching rows of <paramref name="table"/> (this test's only),
    /// removed when disposed.
    /// </summary>
    private static async Task<IAsyncDisposable> RefusingAsync(string table, string operation, string condition)
    {
        var name = $"test_refuse_{Unique.Suffix().Replace("-", "_")}";
        await ExecuteAsync($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF {condition} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
            """);
        return new Removal(() => ExecuteAsync($"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}();"));
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = await Platform.OpenIdentityDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Removal(Func<Task> remove) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await remove();
    }
}
