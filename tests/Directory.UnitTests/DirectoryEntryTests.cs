using Medimail.Contracts;

namespace Medimail.Directory.UnitTests;

public sealed class DirectoryEntryTests
{
    private static AccountSnapshot Account(long version, string lastName = "LEFÈVRE") => new()
    {
        Email = "JF.Lefevre@CH-Test.fr",
        Type = "INT",
        State = "ACTIVE",
        StructureId = "s1",
        Version = version,
        LastName = lastName,
        FirstName = "Jean-François",
        Rpps = " ",
        MssanteAddress = "JF.Lefevre@ch-test.MSSANTE.fr",
        Address = new AddressSnapshot { City = "SAINT-ÉTIENNE", DepartmentCode = "2a" },
    };

    [Fact]
    public void Creating_an_entry_derives_keys_and_listing_flags()
    {
        var entry = DirectoryEntry.Create(Account(1) with { UnlistedNational = true });

        Assert.Equal("jf.lefevre@ch-test.fr", entry.Email);
        Assert.Equal(("lefevre", "jean francois"), (entry.LastNameKey, entry.FirstNameKey));
        Assert.Equal(" lefevre jean francois jeanfrancois ", entry.SearchWords);
        Assert.Equal(("saint etienne", "2A"), (entry.CityKey, entry.DepartmentCode));
        Assert.Equal("jf.lefevre@ch-test.mssante.fr", entry.MssanteAddress);
        Assert.Null(entry.Rpps);
        Assert.Equal((true, false), (entry.ListedRegional, entry.ListedNational));
    }

    [Fact]
    public void A_newer_snapshot_replaces_the_entry()
    {
        var entry = DirectoryEntry.Create(Account(1));

        Assert.True(entry.Apply(Account(2, "MARTIN") with { State = "DISABLED" }));

        Assert.Equal((2L, "MARTIN", "martin"), (entry.Version, entry.LastName, entry.LastNameKey));
        Assert.Equal((false, false), (entry.ListedRegional, entry.ListedNational));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_older_or_equal_snapshot_is_ignored(long version)
    {
        var entry = DirectoryEntry.Create(Account(2));

        Assert.False(entry.Apply(Account(version, "ANCIEN")));

        Assert.Equal((2L, "LEFÈVRE"), (entry.Version, entry.LastName));
    }

    [Fact]
    public void A_snapshot_of_another_account_is_refused() =>
        Assert.Throws<InvalidOperationException>(() =>
            DirectoryEntry.Create(Account(1)).Apply(Account(2) with { Email = "other@ch-test.fr" }));
}
