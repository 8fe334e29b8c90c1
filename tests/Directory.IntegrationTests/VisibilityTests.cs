using Grpc.Core;
using Medimail.Contracts;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class VisibilityTests(DirectoryPlatform platform)
{
    private sealed record Case(string Name, AccountSnapshot Account, string? RegionalType, string? NationalType);

    [Fact]
    public async Task Each_directory_lists_the_active_boxes_its_rules_publish()
    {
        var tag = Accounts.Tag();
        Case Make(string name, string type, Func<AccountSnapshot, AccountSnapshot>? change, string? regional, string? national) =>
            new(name, (change ?? (a => a))(Accounts.Active(type, tag, name)), regional, national);
        Case[] cases =
        [
            Make("per", "PER", null, "PER", "PER"),
            Make("int", "INT", null, "INT", "PER"),
            Make("org", "ORG", null, "ORG", "ORG"),
            Make("med", "MED", null, "MED", null),
            Make("app", "APP", a => a with { MssanteAddress = "no-reply@ch-test.mssante.fr" }, "APP", "APP"),
            Make("appnomss", "APP", null, "APP", null),
            Make("preregistered", "PER", a => a with { State = "PRE_REGISTERED" }, null, null),
            Make("pending", "ORG", a => a with { State = "PENDING_VALIDATION" }, null, null),
            Make("disabled", "PER", a => a with { State = "DISABLED" }, null, null),
            Make("redregional", "PER", a => a with { UnlistedRegional = true }, null, "PER"),
            Make("rednational", "INT", a => a with { UnlistedNational = true }, "INT", null),
            Make("redboth", "ORG", a => a with { UnlistedRegional = true, UnlistedNational = true }, null, null),
        ];
        await platform.WaitProcessedAsync(await platform.PublishAsync(
            new AccountsImported("import-tests", cases.Select(c => c.Account).ToList(), "tests")));

        foreach (var (directory, expectedType) in new[] { ("regional", (Func<Case, string?>)(c => c.RegionalType)), ("national", c => c.NationalType) })
        {
            var page = await platform.SearchAsync(new SearchRequest { Directory = directory, Query = tag, PageSize = 100 });
            var expected = cases.Where(c => expectedType(c) is not null).ToDictionary(c => c.Account.Email, c => expectedType(c)!);
            Assert.Equal(expected.OrderBy(p => p.Key), page.Entries.ToDictionary(e => e.Email, e => e.Type).OrderBy(p => p.Key));
            foreach (var hidden in cases.Where(c => expectedType(c) is null))
                Assert.Null(await platform.FindAsync(directory, hidden.Account.Email));
        }
    }

    [Fact]
    public async Task The_type_filter_of_the_national_directory_selects_the_published_type()
    {
        var tag = Accounts.Tag();
        var per = Accounts.Active("PER", tag, "per");
        var intern = Accounts.Active("INT", tag, "int");
        var org = Accounts.Active("ORG", tag, "org");
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", [per, intern, org], "tests")));

        async Task<string[]> Found(string directory, string type) =>
            (await platform.SearchAsync(new SearchRequest { Directory = directory, Query = tag, Type = type }))
            .Entries.Select(e => e.Email).Order().ToArray();

        Assert.Equal(new[] { per.Email, intern.Email }.Order(), await Found("national", "PER"));
        Assert.Empty(await Found("national", "INT"));
        Assert.Equal([intern.Email], await Found("regional", "INT"));
        Assert.Equal([org.Email], await Found("national", "org"));
    }

    [Fact]
    public async Task Disabling_a_box_removes_it_and_enabling_it_brings_it_back()
    {
        var account = Accounts.Person("ETAT", Accounts.Tag());
        await platform.PublishAsync(new AccountCreated(account, "tests"));
        await platform.FindUntilAsync("regional", account.Email, e => e is not null, "created entry listed");

        await platform.PublishAsync(new AccountStateChanged(account with { State = "DISABLED", Version = 2 }, "ACTIVE", "tests"));
        await platform.FindUntilAsync("regional", account.Email, e => e is null, "disabled entry gone");
        Assert.Null(await platform.FindAsync("national", account.Email));

        await platform.PublishAsync(new AccountStateChanged(account with { Version = 3 }, "DISABLED", "tests"));
        await platform.FindUntilAsync("national", account.Email, e => e is not null, "re-enabled entry back");
    }

    [Fact]
    public async Task Putting_a_box_on_liste_rouge_hides_it_from_that_directory_only()
    {
        var account = Accounts.Person("ROUGE", Accounts.Tag());
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountCreated(account, "tests")));

        await platform.PublishAsync(new AccountUpdated(account with { UnlistedNational = true, Version = 2 }, "tests"));
        await platform.FindUntilAsync("national", account.Email, e => e is null, "entry off the national directory");
        Assert.NotNull(await platform.FindAsync("regional", account.Email));
    }

    [Fact]
    public async Task Reading_an_unknown_entry_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await platform.Directory.GetEntryAsync(
            new GetEntryRequest { Directory = "regional", Email = "nobody@nowhere.test" }));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }
}
