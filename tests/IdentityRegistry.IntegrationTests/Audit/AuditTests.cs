using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Audit;

/// <summary>The audit of administration (docs/audit.md), read back through GET /api/v1/audit's gRPC method at the gateway.</summary>
public sealed class AuditTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task An_update_is_recorded_with_the_before_and_after_of_the_changed_fields_only()
    {
        var account = await platform.CreateAsync(Testing.Accounts.Per());
        var edited = account.Clone();
        edited.LastName = "Durand";
        edited.FirstName = "Ignoré";
        await platform.Accounts.UpdateAccountAsync(new UpdateAccountRequest { Account = edited, UpdateMask = new FieldMask { Paths = { "last_name" } } });

        var entries = await ListAsync(new ListAuditEntriesRequest { Target = account.Email });
        Assert.Equal(["UpdateAccount", "CreateAccount"], entries.Select(e => e.Action));
        var update = entries[0];
        Assert.Equal(new JsonObject { ["lastName"] = "DUPONT" }.ToJsonString(), JsonNode.Parse(update.Before)!.ToJsonString());
        Assert.Equal(new JsonObject { ["lastName"] = "DURAND" }.ToJsonString(), JsonNode.Parse(update.After)!.ToJsonString());
        Assert.Equal((TestEnvironment.OperatorClientId, "operator", "SUCCEEDED"), (update.Actor, update.ActorRole, update.Outcome));
        Assert.Equal(platform.Structure.Id, update.StructureId);
        Assert.False(string.IsNullOrEmpty(update.CorrelationId));
    }

    [Fact]
    public async Task A_forbidden_call_is_recorded_as_denied_with_the_client_that_made_it()
    {
        var connector = await new StructureService.StructureServiceClient(platform.Channel).CreateConnectorAsync(
            new CreateConnectorRequest { StructureId = platform.Structure.Id, Name = "Logiciel " + Unique.Suffix() });
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
        var imports = new ImportService.ImportServiceClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await imports.StartImportAsync(new StartImportRequest
        {
            StructureId = platform.Structure.Id, FileName = "loadusers.csv", Content = Google.Protobuf.ByteString.CopyFromUtf8("x"),
        }));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        var entries = await ListAsync(new ListAuditEntriesRequest { Actor = connector.ClientId });
        var entry = Assert.Single(entries);
        Assert.Equal(("StartImport", "connector", "DENIED", platform.Structure.Id), (entry.Action, entry.ActorRole, entry.Outcome, entry.StructureId));
        Assert.Contains("connecteur", entry.Detail);
    }

    [Fact]
    public async Task A_change_that_rolled_back_leaves_no_trace()
    {
        var account = await platform.CreateAsync(Testing.Accounts.Per());
        // The database refuses this one change at commit time, after the rules passed: the transaction rolls back.
        const string Refused = "REFUS AU COMMIT";
        await using (var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity")))
        {
            await connection.OpenAsync();
            await using var install = new NpgsqlCommand($"""
                CREATE OR REPLACE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.last_name = '{Refused}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                DROP TRIGGER IF EXISTS test_refuse_commit ON accounts;
                CREATE TRIGGER test_refuse_commit BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION test_refuse_commit();
                """, connection);
            await install.ExecuteNonQueryAsync();
        }
        try
        {
            var edited = account.Clone();
            edited.LastName = Refused;
            var failed = await Assert.ThrowsAsync<RpcException>(async () =>
                await platform.Accounts.UpdateAccountAsync(new UpdateAccountRequest { Account = edited, UpdateMask = new FieldMask { Paths = { "lastName" } } }));
            Assert.Equal(StatusCode.Internal, failed.StatusCode);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity"));
            await connection.OpenAsync();
            await using var remove = new NpgsqlCommand("DROP TRIGGER IF EXISTS test_refuse_commit ON accounts", connection);
            await remove.ExecuteNonQueryAsync();
        }

        Assert.Equal(account.LastName, (await platform.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email })).LastName);
        var entries = await ListAsync(new ListAuditEntriesRequest { Target = account.Email });
        Assert.Equal(["CreateAccount"], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task Filters_and_pages_walk_one_structure_newest_first_without_repeats()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
            created.Add((await platform.CreateAsync(Testing.Accounts.Med())).Email);

        var seen = new List<string>();
        var request = new ListAuditEntriesRequest { StructureId = platform.Structure.Id, Action = "CreateAccount", PageSize = 2 };
        do
        {
            var page = await platform.Audit.ListAuditEntriesAsync(request);
            Assert.True(page.Entries.Count <= 2);
            seen.AddRange(page.Entries.Select(e => e.Target));
            request.PageToken = page.NextPageToken;
        } while (request.PageToken != "");

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        var mine = seen.Where(created.Contains).ToList();
        Assert.Equal(Enumerable.Reverse(created), mine);
    }

    [Fact]
    public async Task A_connector_cannot_read_the_audit()
    {
        var connector = await new StructureService.StructureServiceClient(platform.Channel).CreateConnectorAsync(
            new CreateConnectorRequest { StructureId = platform.Structure.Id, Name = "Logiciel " + Unique.Suffix() });
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await new AuditService.AuditServiceClient(channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { StructureId = platform.Structure.Id }));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private async Task<List<AuditEntry>> ListAsync(ListAuditEntriesRequest request) =>
        (await platform.Audit.ListAuditEntriesAsync(request)).Entries.ToList();
}
