using Grpc.Core;
using Medimail.Contracts;
using Medimail.Directory.V1;
using Medimail.Testing;

namespace Medimail.Directory.IntegrationTests;

/// <summary>
/// The operator's rebuild reads every account from Identity-Registry. Entries published by these tests straight onto
/// the bus (no account behind them) are dropped by it, which is why the tests of this collection never rely on an
/// entry made by another test.
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class RebuildTests(DirectoryPlatform platform)
{
    /// <summary>
    /// What a rebuild may change: when and by which transaction the row was written, and the account version and time,
    /// which move on in Identity-Registry without an event when it copies a liste rouge change (the Directory already has it).
    /// </summary>
    private static readonly string[] Bookkeeping = ["projected_at", "version", "account_updated_at", "changed_xid"];

    [Fact]
    public async Task A_rebuild_gives_the_same_entries_as_the_live_projection_and_keeps_the_liste_rouge()
    {
        var structure = await platform.IdentityStructures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var created = new List<string>();
        foreach (var account in new[] { Testing.Accounts.Per(), Testing.Accounts.Int(), Testing.Accounts.Med() })
            created.Add((await platform.IdentityAccounts.CreateAccountAsync(
                new Identity.V1.CreateAccountRequest { StructureId = structure.Id, Account = account })).Email);
        foreach (var email in created)
            await platform.RowUntilAsync(email, _ => true, $"{email} projected");
        await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = created[0], UnlistedNational = true });
        var orphan = Accounts.Person("ORPHELIN", Accounts.Tag());
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountCreated(orphan, "tests")));
        // A row written just before a rebuild counts as written during it (instances' clocks differ a little) and is
        // kept; the orphan must be older than that margin to be dropped: wait until it is, by the database's clock.
        await OlderThanAsync(orphan.Email, Medimail.Directory.Projection.Rebuild.ProjectionRebuilder.ClockMargin + TimeSpan.FromMilliseconds(500));
        var live = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var email in created)
            live[email] = Comparable((await DirectoryPlatform.RowAsync(email))!);

        var result = await platform.Admin.RebuildProjectionAsync(new RebuildProjectionRequest(),
            deadline: DateTime.UtcNow.AddMinutes(5));

        Assert.True(result.AccountsRead >= created.Count, $"{result.AccountsRead} accounts read");
        Assert.True(result.EntriesDropped >= 1, $"{result.EntriesDropped} entries dropped");
        foreach (var email in created)
            Assert.Equal(live[email].OrderBy(p => p.Key), Comparable((await DirectoryPlatform.RowAsync(email))!).OrderBy(p => p.Key));
        Assert.Equal("true", live[created[0]]["unlisted_national"]);
        Assert.Null(await DirectoryPlatform.RowAsync(orphan.Email));
    }

    [Fact]
    public async Task Events_keep_being_projected_after_a_rebuild()
    {
        await platform.Admin.RebuildProjectionAsync(new RebuildProjectionRequest(), deadline: DateTime.UtcNow.AddMinutes(5));

        var account = Accounts.Person("APRES", Accounts.Tag());
        await platform.PublishAsync(new AccountCreated(account, "tests"));

        await platform.FindUntilAsync("regional", account.Email, e => e is not null, "entry projected into the rebuilt table");
    }

    [Fact]
    public async Task A_rebuild_without_a_token_is_refused()
    {
        var client = new DirectoryAdminService.DirectoryAdminServiceClient(Channels.Create(TestEnvironment.DirectoryGrpcUrl, token: null));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.RebuildProjectionAsync(new RebuildProjectionRequest()));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    private static async Task OlderThanAsync(string email, TimeSpan age)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DirectoryPlatform.DatabaseConnection);
        await connection.OpenAsync();
        await Eventually.GetAsync(async () =>
        {
            await using var query = new Npgsql.NpgsqlCommand(
                "SELECT clock_timestamp() - projected_at > @age FROM directory_entries WHERE email = @email", connection);
            query.Parameters.AddWithValue("age", age);
            query.Parameters.AddWithValue("email", email);
            return await query.ExecuteScalarAsync() as bool? ?? false;
        }, older => older, DirectoryPlatform.Patience, $"the entry of {email} older than {age.TotalSeconds} s");
    }

    private static Dictionary<string, string?> Comparable(Dictionary<string, string?> row) =>
        row.Where(p => !Bookkeeping.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
}
