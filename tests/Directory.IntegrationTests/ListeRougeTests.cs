using Grpc.Core;
using Medimail.Contracts;
using Medimail.Directory.V1;
using Medimail.Testing;

namespace Medimail.Directory.IntegrationTests;

/// <summary>SetVisibility owns the liste rouge once used; Identity-Registry keeps a copy from the VisibilityChanged event.</summary>
[Collection(DirectoryCollection.Name)]
public sealed class ListeRougeTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task Set_visibility_hides_a_box_from_one_directory_and_later_account_events_do_not_bring_it_back()
    {
        var account = Accounts.Person("ROUGE", Accounts.Tag());
        await platform.PublishAsync(new AccountCreated(account, "tests"));
        await platform.FindUntilAsync("national", account.Email, e => e is not null, "entry listed nationally");

        var visibility = await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = account.Email, UnlistedNational = true });

        Assert.Equal((account.Email, false, true), (visibility.Email, visibility.UnlistedRegional, visibility.UnlistedNational));
        Assert.Null(await platform.FindAsync("national", account.Email));
        Assert.NotNull(await platform.FindAsync("regional", account.Email));

        // Identity-Registry's next snapshot still carries its old copy of the flags: the Directory keeps its own.
        await platform.PublishAsync(new AccountUpdated(account with { LastName = "ROUGEMONT", Version = 2 }, "tests"));
        await platform.FindUntilAsync("regional", account.Email, e => e?.LastName == "ROUGEMONT", "update applied");
        Assert.Null(await platform.FindAsync("national", account.Email));

        await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = account.Email, UnlistedNational = false, UnlistedRegional = true });
        Assert.NotNull(await platform.FindAsync("national", account.Email));
        Assert.Null(await platform.FindAsync("regional", account.Email));
    }

    [Fact]
    public async Task A_box_on_the_liste_rouge_is_absent_from_that_directory_search()
    {
        var tag = Accounts.Tag();
        var hidden = Accounts.Person(tag, "Cache");
        var shown = Accounts.Person(tag, "Visible");
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", [hidden, shown], "tests")));

        await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = hidden.Email, UnlistedRegional = true });

        var regional = await platform.SearchAsync(new SearchRequest { Directory = "regional", Query = tag });
        var national = await platform.SearchAsync(new SearchRequest { Directory = "national", Query = tag });
        Assert.Equal([shown.Email], regional.Entries.Select(e => e.Email));
        Assert.Equal(new[] { hidden.Email, shown.Email }.Order(), national.Entries.Select(e => e.Email).Order());
    }

    [Fact]
    public async Task Set_visibility_without_any_flag_is_invalid_and_names_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = "someone@test.medimail.fr" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("unlistedRegional", Errors.ViolatedField(ex));
    }

    [Fact]
    public async Task Set_visibility_of_an_unknown_box_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await platform.Visibility.SetVisibilityAsync(
            new SetVisibilityRequest { Email = Unique.Email("personne"), UnlistedRegional = true }));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Identity_registry_keeps_its_copy_of_the_flags_in_step()
    {
        var structure = await platform.IdentityStructures.CreateStructureAsync(Testing.Accounts.NewStructure());
        var account = await platform.IdentityAccounts.CreateAccountAsync(
            new Identity.V1.CreateAccountRequest { StructureId = structure.Id, Account = Testing.Accounts.Per() });
        await platform.RowUntilAsync(account.Email, _ => true, "account projected");

        await platform.Visibility.SetVisibilityAsync(new SetVisibilityRequest { Email = account.Email, UnlistedRegional = true, UnlistedNational = true });

        var copy = await Eventually.GetAsync(
            () => platform.IdentityAccounts.GetAccountAsync(new Identity.V1.GetAccountRequest { Email = account.Email }).ResponseAsync,
            a => a.UnlistedRegional && a.UnlistedNational, DirectoryPlatform.Patience, "flags copied to Identity-Registry");
        Assert.NotEqual(account.Etag, copy.Etag);
    }
}
