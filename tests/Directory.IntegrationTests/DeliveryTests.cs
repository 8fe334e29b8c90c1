using Medimail.Contracts;
using Medimail.Directory.V1;
using Medimail.Testing;

namespace Medimail.Directory.IntegrationTests;

/// <summary>RabbitMQ delivers at least once and in no guaranteed order across queues; the projection must not care.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class DeliveryTests(DirectoryPlatform platform)
{
    // The Directory's queues (service name, then the consumer's): once drained, a duplicate was consumed.
    private const string UpdatedQueue = "directory-account-updated";
    private const string ImportedQueue = "directory-accounts-imported";

    [Fact]
    public async Task An_older_snapshot_arriving_late_does_not_overwrite_a_newer_one()
    {
        var tag = Accounts.Tag();
        var created = Accounts.Person("ANCIEN", tag);
        var updated = created with { LastName = "NOUVEAU", Version = 3 };

        await platform.PublishAsync(new AccountUpdated(updated, "tests"));
        await platform.FindUntilAsync("regional", created.Email, e => e?.LastName == "NOUVEAU", "update applied before create");
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountCreated(created, "tests")));

        Assert.Equal("NOUVEAU", (await platform.FindAsync("regional", created.Email))!.LastName);
    }

    [Fact]
    public async Task A_message_delivered_twice_takes_effect_once()
    {
        var account = Accounts.Person("PREMIER", Accounts.Tag());
        var messageId = await platform.PublishAsync(new AccountUpdated(account, "tests"));
        await platform.FindUntilAsync("regional", account.Email, e => e?.LastName == "PREMIER", "first delivery applied");

        // Same message id, and a payload that would show if it were applied: a redelivery must be recognised by its id.
        var errors = await Queues.ErrorsAsync(UpdatedQueue);
        await platform.PublishAsync(new AccountUpdated(account with { LastName = "SECOND", Version = 2 }, "tests"), messageId);
        await Queues.DrainedAsync(UpdatedQueue, errors);

        Assert.Equal("PREMIER", (await platform.FindAsync("regional", account.Email))!.LastName);
        Assert.Equal(1, await DirectoryPlatform.ProcessedCountAsync(messageId));
    }

    [Fact]
    public async Task An_import_batch_keeps_the_newest_snapshot_of_each_account()
    {
        var account = Accounts.Person("LOT", Accounts.Tag());
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests",
            [account with { LastName = "RECENT", Version = 2 }, account], "tests")));

        Assert.Equal("RECENT", (await platform.FindAsync("regional", account.Email))!.LastName);
    }

    [Fact]
    public async Task An_import_batch_does_not_overwrite_a_newer_entry_and_still_inserts_the_new_ones()
    {
        var tag = Accounts.Tag();
        var known = Accounts.Person("NOUVEAU", tag, version: 3);
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountUpdated(known, "tests")));
        var fresh = Enumerable.Range(0, 3).Select(i => Accounts.Person("LOT", $"{tag} {i}")).ToList();

        // The batch (COPY for the new entries) holds an older snapshot of the known one, which must be ignored.
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests",
            [known with { LastName = "ANCIEN", Version = 1 }, .. fresh], "tests")));

        Assert.Equal("NOUVEAU", (await platform.FindAsync("regional", known.Email))!.LastName);
        foreach (var account in fresh)
            Assert.Equal("LOT", (await platform.FindAsync("regional", account.Email))?.LastName);
    }

    [Fact]
    public async Task An_import_batch_delivered_twice_takes_effect_once()
    {
        var tag = Accounts.Tag();
        var accounts = Enumerable.Range(0, 3).Select(i => Accounts.Person("PREMIER", $"{tag} {i}")).ToList();
        var messageId = await platform.PublishAsync(new AccountsImported("import-tests", accounts, "tests"));
        await platform.WaitProcessedAsync(messageId);

        // Same message id, with a payload that would show if applied again (and would collide on every new row).
        var errors = await Queues.ErrorsAsync(ImportedQueue);
        await platform.PublishAsync(new AccountsImported("import-tests",
            accounts.Select(a => a with { LastName = "SECOND", Version = 2 }).ToList(), "tests"), messageId);
        await Queues.DrainedAsync(ImportedQueue, errors);

        foreach (var account in accounts)
            Assert.Equal(("PREMIER", "1"), ((await platform.FindAsync("regional", account.Email))!.LastName, (await DirectoryPlatform.RowAsync(account.Email))!["version"]));
        Assert.Equal(1, await DirectoryPlatform.ProcessedCountAsync(messageId));
    }

    [Fact]
    public async Task An_import_batch_keeps_the_liste_rouge_the_directory_owns_and_writes_every_derived_column()
    {
        var tag = Accounts.Tag();
        var account = Accounts.Person("ROUGE", tag);
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", [account], "tests")));
        await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = account.Email, UnlistedNational = true });
        var fresh = Accounts.Person("Lefèvre-Dupont", "Jean-François " + tag);

        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests",
            [account with { LastName = "ROUGEMONT", Version = 2, UnlistedNational = false }, fresh], "tests")));

        Assert.Equal("ROUGEMONT", (await platform.FindAsync("regional", account.Email))!.LastName);
        Assert.Null(await platform.FindAsync("national", account.Email));
        // A copied row is the row DirectoryEntry.Create builds: folded keys, search words and both listed flags.
        var row = (await DirectoryPlatform.RowAsync(fresh.Email))!;
        Assert.Equal(("\"lefevre dupont\"", "true", "true"), (row["last_name_key"], row["listed_regional"], row["listed_national"]));
        Assert.Contains(" lefevredupont ", row["search_words"]);
        var found = await platform.SearchAsync(new SearchRequest { Directory = "national", Query = "lefev " + tag });
        Assert.Equal([fresh.Email], found.Entries.Select(e => e.Email));
    }

    [Fact]
    public async Task Events_about_one_account_racing_on_different_queues_leave_the_newest_snapshot()
    {
        var tag = Accounts.Tag();
        var accounts = Enumerable.Range(0, 20).Select(_ => Accounts.Person(tag, "v1")).ToList();

        // Four queues consumed in parallel: inserts and updates of one row collide and must be retried, not lost.
        await Task.WhenAll(accounts.SelectMany(a => new Task[]
        {
            platform.PublishAsync(new AccountCreated(a, "tests")),
            platform.PublishAsync(new AccountsImported("import-tests", [a with { FirstName = "v2", Version = 2 }], "tests")),
            platform.PublishAsync(new AccountUpdated(a with { FirstName = "v4", Version = 4 }, "tests")),
            platform.PublishAsync(new AccountStateChanged(a with { FirstName = "v3", Version = 3 }, "ACTIVE", "tests")),
        }));

        var page = await platform.SearchUntilAsync(new SearchRequest { Directory = "regional", Query = tag, PageSize = 50 },
            p => p.TotalSize == accounts.Count && p.Entries.All(e => e.FirstName == "v4"), "every account at version 4");
        Assert.Equal(accounts.Select(a => a.Email).Order(), page.Entries.Select(e => e.Email).Order());
    }
}
