using Medimail.Contracts;
using Medimail.Directory.V1;
using Npgsql;

namespace Medimail.Directory.IntegrationTests;

/// <summary>
/// The in-memory index follows the table whoever writes it: here the test writes straight into PostgreSQL, as another
/// Directory replica (or an operator's repair) would, and the service's search must follow.
/// </summary>
[Collection(DirectoryCollection.Name)]
public sealed class IndexFeedTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task A_row_changed_or_deleted_by_another_writer_reaches_the_search()
    {
        var tag = Accounts.Tag();
        var kept = Accounts.Person(tag.ToUpperInvariant(), "Alice");
        var deleted = Accounts.Person(tag.ToUpperInvariant(), "Bruno");
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("feed", [kept, deleted], "tests")));
        var search = new SearchRequest { Directory = "regional", Query = tag };
        Assert.Equal(2, (await platform.SearchAsync(search)).TotalSize);

        var renamed = "zr" + tag;
        await ExecuteAsync($"UPDATE directory_entries SET search_words = ' {renamed} alice ', last_name_key = '{renamed}' WHERE email = @email", kept.Email.ToLowerInvariant());
        await platform.SearchUntilAsync(new SearchRequest { Directory = "regional", Query = renamed }, r => r.TotalSize == 1, "the updated row found by its new word");

        await ExecuteAsync("DELETE FROM directory_entries WHERE email = @email", deleted.Email.ToLowerInvariant());
        await platform.SearchUntilAsync(search, r => r.TotalSize == 0, "the deleted row and the renamed one gone from the old word");
        Assert.Null(await platform.FindAsync("regional", deleted.Email));
    }

    private static async Task ExecuteAsync(string sql, string email)
    {
        await using var connection = new NpgsqlConnection(DirectoryPlatform.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("email", email);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
