using System.Collections.Concurrent;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Medimail.EndToEnd.Tests.UnderFire;

/// <summary>
/// The gateway killed (SIGKILL) while a connector creates its APP boxes through it, each create retried with the same
/// <c>requestId</c> until the gateway is back: a create that Identity-Registry committed but whose answer died with
/// the gateway is answered by the replay with the same box, so no box is created twice and no create is refused.
/// </summary>
public sealed class GatewayKillTests(ITestOutputHelper output)
{
    private const int Clients = 12;
    private const int CreatesPerClient = 10;

    [Fact]
    public async Task Gateway_killed_while_a_connector_retries_its_creates_with_the_same_request_id_leaves_no_duplicate_box()
    {
        var operatorChannel = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync());
        var structures = new StructureService.StructureServiceClient(operatorChannel);
        var operatorAccounts = new AccountService.AccountServiceClient(operatorChannel);
        var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
        var connector = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = "RIS sous le feu" });
        var person = await operatorAccounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Accounts.Per() });
        var org = await operatorAccounts.CreateAccountAsync(new CreateAccountRequest { StructureId = structure.Id, Account = Accounts.Org(person.Email) });
        using var gateway = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.ClientCredentialsAsync(connector.ClientId, connector.ClientSecret));
        var accounts = new AccountService.AccountServiceClient(gateway);

        var answers = new ConcurrentDictionary<string, string>();
        var refusals = new ConcurrentBag<string>();
        var transportFailures = 0;
        var inFlight = 0;
        var answered = 0;
        var killWhen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ClientAsync()
        {
            for (var i = 0; i < CreatesPerClient; i++)
            {
                var request = new CreateAccountRequest
                {
                    StructureId = structure.Id, Account = Accounts.App(person.Email, org.Email), RequestId = Guid.NewGuid().ToString(),
                };
                // A connector's retry loop: the same request, same requestId, until an answer comes.
                while (true)
                {
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        var box = await accounts.CreateAccountAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                        Assert.True(answers.TryAdd(request.RequestId, box.Email), $"requestId {request.RequestId} answered twice");
                        Assert.Equal(request.Account.Email, box.Email);
                        if (Interlocked.Increment(ref answered) == Clients * 2)
                            killWhen.TrySetResult();
                        break;
                    }
                    catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded)
                    {
                        Interlocked.Increment(ref transportFailures);
                        await Task.Delay(100);
                    }
                    catch (RpcException ex)
                    {
                        refusals.Add($"{request.Account.Email}: {ex.StatusCode} {ex.Status.Detail}");
                        break;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            }
        }

        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)).ToList();
        await killWhen.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var inFlightAtKill = Volatile.Read(ref inFlight);
        output.WriteLine(await PlatformControl.KillAsync("gateway"));
        var answeredAtKill = Volatile.Read(ref answered);
        output.WriteLine(await PlatformControl.StartAsync("gateway"));
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(180));

        var (boxes, distinct) = await AppBoxesAsync(structure.Id);
        var requestIds = await RequestIdsRecordedAsync(answers.Keys);
        output.WriteLine($"{Clients} clients x {CreatesPerClient} creates: {inFlightAtKill} in flight at the kill, {answeredAtKill} answered before it; " +
            $"{transportFailures} transport failures retried; {answers.Count} answered, {refusals.Count} refused; " +
            $"{boxes} APP boxes ({distinct} distinct, {boxes - distinct} duplicates), {requestIds} requestIds recorded");

        Assert.Empty(refusals);
        Assert.True(transportFailures > 0, "the kill must hit the connector: no create failed while the gateway was down");
        Assert.Equal(Clients * CreatesPerClient, answers.Count);
        Assert.Equal((Clients * CreatesPerClient, Clients * CreatesPerClient), (boxes, distinct));
        Assert.Equal(Clients * CreatesPerClient, requestIds);
    }

    private static async Task<(long, long)> AppBoxesAsync(string structureId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT lower(email)) FROM accounts WHERE structure_id = @s AND type = 'APP'", connection);
        query.Parameters.AddWithValue("s", Guid.Parse(structureId));
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> RequestIdsRecordedAsync(IEnumerable<string> requestIds)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("identity"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM idempotency_keys WHERE request_id = ANY(@ids)", connection);
        query.Parameters.AddWithValue("ids", requestIds.Select(Guid.Parse).ToArray());
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
