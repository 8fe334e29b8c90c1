using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.IntegrationTests.SignIn;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Audit;

/// <summary>
/// Every security event reaches the audit with who, what and the outcome, and never a secret: sign-in successes and
/// failures, lockouts, token revocations, admin grants, connector changes. Read back as an operator through the gateway.
/// </summary>
public sealed class SecurityAuditTests(IdentityFixture platform) : IClassFixture<IdentityFixture>
{
    private static string Gateway => TestEnvironment.GatewayUrl;

    [Fact]
    public async Task Sign_in_failures_the_lockout_the_refusal_and_the_success_are_audited_without_any_password()
    {
        var person = await ActivePeople.CreateAsync();
        var wrong = Enumerable.Range(0, 6).Select(i => $"Mauvais-mot-de-passe-{i}-{Unique.Suffix()}").ToList();
        using var flow = new SignInFlow(Gateway);
        await flow.StartAsync();
        foreach (var password in wrong)
            await flow.SubmitPasswordAsync(person.Email, password);
        var refused = await flow.SubmitPasswordAsync(person.Email, person.Password);
        Assert.Equal((System.Net.HttpStatusCode)429, refused.StatusCode);
        await Task.Delay(refused.RetryAfter!.Value + TimeSpan.FromMilliseconds(200));
        await PersonSignIn.SignInAsync(Gateway, person.Email, person.Password);

        var entries = await EntriesAsync(new ListAuditEntriesRequest { Target = person.Email });

        Assert.Equal(6, entries.Count(e => (e.Action, e.Outcome) == ("SIGN_IN", "FAILED")));
        Assert.Contains(entries, e => (e.Action, e.Outcome) == ("SIGN_IN_LOCKOUT", "DENIED"));
        Assert.Contains(entries, e => (e.Action, e.Outcome) == ("SIGN_IN", "DENIED"));
        var success = Assert.Single(entries, e => (e.Action, e.Outcome) == ("SIGN_IN", "SUCCEEDED"));
        Assert.Equal((person.Email, "person", person.StructureId), (success.Actor, success.ActorRole, success.StructureId));
        Assert.All(entries.Where(e => e.Action.StartsWith("SIGN_IN")), e => Assert.Equal((person.Email, "person"), (e.Actor, e.ActorRole)));
        AssertNoSecret(entries, [person.Password, .. wrong]);
    }

    [Fact]
    public async Task A_token_revocation_is_audited_with_the_client_and_the_person_and_without_the_token()
    {
        var (person, tokens) = await ActivePeople.SignedInAsync();
        using var http = new HttpClient { BaseAddress = new Uri(Gateway) };
        using var revoked = await http.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken!, ["token_type_hint"] = "refresh_token", ["client_id"] = PersonSignIn.Cli,
        }));
        Assert.True(revoked.IsSuccessStatusCode);

        var entries = await EntriesAsync(new ListAuditEntriesRequest { Target = person.Email });

        var entry = Assert.Single(entries, e => e.Action == "TOKEN_REVOKED");
        Assert.Equal((PersonSignIn.Cli, "client", "SUCCEEDED"), (entry.Actor, entry.ActorRole, entry.Outcome));
        AssertNoSecret(entries, [tokens.RefreshToken!, tokens.AccessToken, person.Password]);
    }

    [Fact]
    public async Task An_admin_grant_and_a_connectors_creation_rotation_and_revocation_are_audited_without_any_secret()
    {
        var (admin, tokens) = await StructureAdminTests.AdminOfNewStructureAsync();
        using var asAdmin = new GrpcChannelScope(tokens.AccessToken);
        var created = await asAdmin.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = admin.StructureId, Name = "Logiciel" });
        var action = new ConnectorActionRequest { StructureId = admin.StructureId, ClientId = created.ClientId };
        var rotated = await asAdmin.Structures.RotateConnectorSecretAsync(action);
        await asAdmin.Structures.RevokeConnectorAsync(action);

        var grant = Assert.Single(await EntriesAsync(new ListAuditEntriesRequest { Target = admin.Email, Action = "STRUCTURE_ADMIN_ADDED" }));
        var connector = await EntriesAsync(new ListAuditEntriesRequest { Target = created.ClientId });

        Assert.Equal((TestEnvironment.OperatorClientId, "operator", "SUCCEEDED", admin.StructureId), (grant.Actor, grant.ActorRole, grant.Outcome, grant.StructureId));
        Assert.Equal(["CONNECTOR_REVOKED", "CONNECTOR_SECRET_ROTATED", "CONNECTOR_CREATED"], connector.Select(e => e.Action));
        Assert.All(connector, e => Assert.Equal((admin.Email, "structure_admin", "SUCCEEDED", admin.StructureId), (e.Actor, e.ActorRole, e.Outcome, e.StructureId)));
        AssertNoSecret([grant, .. connector], [created.ClientSecret, rotated.ClientSecret, tokens.AccessToken]);
    }

    private async Task<List<AuditEntry>> EntriesAsync(ListAuditEntriesRequest request)
    {
        request.PageSize = 500;
        return (await platform.Audit.ListAuditEntriesAsync(request)).Entries.ToList();
    }

    /// <summary>No field of any entry holds any of the secrets.</summary>
    internal static void AssertNoSecret(IEnumerable<AuditEntry> entries, IEnumerable<string> secrets)
    {
        var text = string.Join('\n', entries.Select(e => Google.Protobuf.JsonFormatter.Default.Format(e)));
        Assert.NotEmpty(text);
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, text);
    }
}
