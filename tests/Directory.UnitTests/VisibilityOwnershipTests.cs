using Medimail.Contracts;
using Medimail.Directory.Projection.Rebuild;

namespace Medimail.Directory.UnitTests;

/// <summary>The Directory owns the liste rouge flags once SetVisibility has set them.</summary>
public sealed class VisibilityOwnershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static AccountSnapshot Account(long version, bool unlistedRegional = false, bool unlistedNational = false) => new()
    {
        Email = "marie.curie@ch-test.fr",
        Type = "PER",
        State = "ACTIVE",
        StructureId = "s1",
        Version = version,
        LastName = "CURIE",
        FirstName = "Marie",
        UnlistedRegional = unlistedRegional,
        UnlistedNational = unlistedNational,
    };

    [Fact]
    public void Account_events_set_the_flags_until_set_visibility_is_used()
    {
        var entry = DirectoryEntry.Create(Account(1, unlistedNational: true));
        Assert.False(entry.ListedNational);

        entry.Apply(Account(2));

        Assert.True(entry.ListedNational);
        Assert.Null(entry.VisibilitySetAt);
    }

    [Fact]
    public void Later_account_events_do_not_overwrite_flags_set_through_set_visibility()
    {
        var entry = DirectoryEntry.Create(Account(1));

        Assert.True(entry.SetVisibility(unlistedRegional: true, unlistedNational: null, Now));
        entry.Apply(Account(2, unlistedRegional: false, unlistedNational: true));

        Assert.Equal((true, false), (entry.UnlistedRegional, entry.UnlistedNational));
        Assert.Equal((false, true), (entry.ListedRegional, entry.ListedNational));
        Assert.Equal(2, entry.Version);
    }

    [Fact]
    public void A_missing_flag_keeps_its_value_and_each_change_counts_one_visibility_version()
    {
        var entry = DirectoryEntry.Create(Account(1, unlistedRegional: true));

        entry.SetVisibility(null, unlistedNational: true, Now);
        entry.SetVisibility(unlistedRegional: false, null, Now);

        Assert.Equal((false, true), (entry.UnlistedRegional, entry.UnlistedNational));
        Assert.Equal(2, entry.VisibilityVersion);
    }

    [Fact]
    public void Setting_the_flags_they_already_have_is_no_change()
    {
        var entry = DirectoryEntry.Create(Account(1));
        entry.SetVisibility(true, true, Now);

        Assert.False(entry.SetVisibility(true, null, Now));
        Assert.Equal(1, entry.VisibilityVersion);
    }

    [Fact]
    public void A_state_change_still_moves_a_box_with_owned_flags_in_and_out_of_the_directories()
    {
        var entry = DirectoryEntry.Create(Account(1));
        entry.SetVisibility(false, true, Now);

        entry.Apply(Account(2) with { State = "DISABLED" });
        Assert.Equal((false, false), (entry.ListedRegional, entry.ListedNational));

        entry.Apply(Account(3, unlistedNational: false));
        Assert.Equal((true, false), (entry.ListedRegional, entry.ListedNational));
    }

    [Fact]
    public void A_rebuilt_entry_keeps_the_owned_flags_and_the_fields_the_feed_lacks()
    {
        var live = DirectoryEntry.Create(Account(1) with { StructureNationalId = "1750000001" });
        live.SetVisibility(true, true, Now);

        var rebuilt = DirectoryEntry.Create(Account(4, unlistedRegional: false, unlistedNational: false));
        rebuilt.KeepWhatTheFeedLacks(live);

        Assert.Equal((true, true, 1L), (rebuilt.UnlistedRegional, rebuilt.UnlistedNational, rebuilt.VisibilityVersion));
        Assert.Equal((false, false), (rebuilt.ListedRegional, rebuilt.ListedNational));
        Assert.Equal("1750000001", rebuilt.StructureNationalId);
        Assert.Equal(4, rebuilt.Version);
    }

    [Fact]
    public void A_rebuilt_entry_takes_the_feed_flags_when_set_visibility_was_never_used()
    {
        var live = DirectoryEntry.Create(Account(1));
        var rebuilt = DirectoryEntry.Create(Account(2, unlistedNational: true));

        rebuilt.KeepWhatTheFeedLacks(live);

        Assert.False(rebuilt.ListedNational);
    }

    [Theory]
    [InlineData("W/\"12\"", 12)]
    [InlineData("W/\"1\"", 1)]
    public void The_account_feed_version_is_read_from_the_etag(string etag, long version) =>
        Assert.Equal(version, AccountFeedMapper.VersionOf(etag));

    [Fact]
    public void An_etag_without_a_version_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => AccountFeedMapper.VersionOf("W/\"abc\""));
}
