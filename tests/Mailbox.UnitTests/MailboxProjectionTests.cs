using Medimail.Mailbox.Domain;

namespace Medimail.Mailbox.UnitTests;

public sealed class MailboxProjectionTests
{
    [Fact]
    public void A_snapshot_older_than_the_held_version_changes_nothing()
    {
        var box = MailboxProjection.From(Snapshots.Org("secretariat@ehpad.fr", 5, "a@ehpad.fr"));

        var applied = box.Apply(Snapshots.Org("secretariat@ehpad.fr", 4, "b@ehpad.fr") with { Description = "Ancien" });

        Assert.False(applied);
        Assert.Equal(5, box.Version);
        Assert.Equal(["a@ehpad.fr"], box.ConnectionAccounts);
        Assert.Equal("Secrétariat médical de l'EHPAD Les Mimosas", box.DisplayName);
    }

    [Fact]
    public void A_replayed_snapshot_of_the_same_version_is_not_applied_again()
    {
        var box = MailboxProjection.From(Snapshots.Org("secretariat@ehpad.fr", 5));

        Assert.False(box.Apply(Snapshots.Org("secretariat@ehpad.fr", 5) with { State = "DISABLED" }));
        Assert.Equal("ACTIVE", box.State);
    }

    [Fact]
    public void A_newer_snapshot_replaces_every_field()
    {
        var box = MailboxProjection.From(Snapshots.Org("secretariat@ehpad.fr", 1, "a@ehpad.fr"));

        Assert.True(box.Apply(Snapshots.Org("secretariat@ehpad.fr", 2, "b@ehpad.fr") with
        {
            State = "DISABLED",
            MssanteAddress = "secretariat@ehpad.mssante.fr",
            ReturnAddress = " ",
        }));

        Assert.Equal("DISABLED", box.State);
        Assert.Equal(["b@ehpad.fr"], box.ConnectionAccounts);
        Assert.Equal("secretariat@ehpad.mssante.fr", box.MssanteAddress);
        Assert.Null(box.ReturnAddress);
    }

    [Fact]
    public void Addresses_are_kept_in_lower_case_without_duplicates()
    {
        var box = MailboxProjection.From(Snapshots.Org("Secretariat@EHPAD.fr", 1, "B@ehpad.fr", "a@ehpad.fr", "b@EHPAD.fr", " "));

        Assert.Equal("secretariat@ehpad.fr", box.Address);
        Assert.Equal(["a@ehpad.fr", "b@ehpad.fr"], box.ConnectionAccounts);
    }

    [Fact]
    public void A_personal_box_has_no_connection_accounts_even_if_the_event_lists_some()
    {
        var box = MailboxProjection.From(Snapshots.Person("camille.durand@ehpad.fr") with { ConnectionAccounts = ["x@ehpad.fr"] });

        Assert.Empty(box.ConnectionAccounts);
        Assert.False(box.IsReachableBy("x@ehpad.fr"));
    }

    [Fact]
    public void A_shared_box_is_named_by_its_description_and_a_person_by_first_then_last_name()
    {
        Assert.Equal("Secrétariat médical de l'EHPAD Les Mimosas", DisplayNames.Of(Snapshots.Org("s@ehpad.fr", 1)));
        Assert.Equal("Secrétariat EHPAD Les Mimosas", DisplayNames.Of(Snapshots.Org("s@ehpad.fr", 1) with { Description = null }));
        Assert.Equal("Camille DURAND", DisplayNames.Of(Snapshots.Person("c@ehpad.fr")));
    }
}
