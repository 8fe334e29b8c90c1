using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.Notification.IntegrationTests;

/// <summary>Structures with pre-registered people in Identity-Registry, and relaunches of them, as the operator.</summary>
internal static class Relaunching
{
    /// <summary>A fresh structure with <paramref name="count"/> PRE_REGISTERED accounts (no invitation sent) under one unique domain.</summary>
    public static async Task<(string StructureId, IReadOnlyList<string> Emails)> StructureWithPreRegisteredAsync(int count, string domain)
    {
        var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, await Tokens.OperatorAsync());
        var structure = await new StructureService.StructureServiceClient(channel).CreateStructureAsync(Accounts.NewStructure());
        var accounts = new AccountService.AccountServiceClient(channel);
        var emails = Enumerable.Range(0, count).Select(i => $"personne{i:D5}@{domain}").ToList();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (email, ct) =>
        {
            var created = await accounts.CreateAccountAsync(new CreateAccountRequest
            {
                StructureId = structure.Id,
                Account = Accounts.Per(email),
                SendInvitation = false,
                RequestId = Guid.NewGuid().ToString(),
            }, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: ct);
            Assert.Equal(Account.Types.State.PreRegistered, created.State);
        });
        return (structure.Id, emails);
    }

    public static string UniqueDomain(string label) => $"{label}-{Unique.Suffix()}.test.medimail.fr";

    public static async Task<RelaunchService.RelaunchServiceClient> ClientAsync(string? token = null) =>
        new(Channels.Create(TestEnvironment.NotificationGrpcUrl, token ?? await Tokens.OperatorAsync()));

    public static async Task<Relaunch> StartAsync(string structureId, string? requestId = null) =>
        await (await ClientAsync()).StartRelaunchAsync(new StartRelaunchRequest { StructureId = structureId, RequestId = requestId ?? "" },
            deadline: DateTime.UtcNow.AddSeconds(180));

    /// <summary>The structure's last relaunch once no recipient is QUEUED any more.</summary>
    public static async Task<Relaunch> SettledAsync(string structureId, TimeSpan timeout)
    {
        var client = await ClientAsync();
        return await Eventually.GetAsync(
            async () => await client.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = structureId }, deadline: DateTime.UtcNow.AddSeconds(30)),
            r => r.Recipients.Count == r.RecipientCount && r.Recipients.All(x => x.DeliveryState != DeliveryState.Queued),
            timeout, $"every recipient of the last relaunch of {structureId} is SENT or FAILED");
    }

    /// <summary><c>Relaunch__RepeatWindow</c> of the test platform (scripts/lib/platform.sh).</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits until the relaunch is older than the repeat window by the database's clock (the service's clock on the
    /// same host): from then on a new request for its structure is not answered with it.
    /// </summary>
    public static async Task BeyondRepeatWindowAsync(string relaunchId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection("notification"));
        await connection.OpenAsync();
        await Eventually.GetAsync(async () =>
        {
            await using var query = new NpgsqlCommand("SELECT clock_timestamp() - created_at > @window FROM relaunches WHERE id = @id", connection);
            query.Parameters.AddWithValue("window", RepeatWindow + TimeSpan.FromMilliseconds(200));
            query.Parameters.AddWithValue("id", Guid.Parse(relaunchId));
            return (bool)(await query.ExecuteScalarAsync())!;
        }, older => older, TimeSpan.FromSeconds(30), $"relaunch {relaunchId} older than the repeat window");
    }

    public static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);
}
