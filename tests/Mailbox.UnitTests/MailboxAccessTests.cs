using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Auth;

namespace Medimail.Mailbox.UnitTests;

public sealed class MailboxAccessTests
{
    private static readonly MailboxProjection Box = MailboxProjection.From(Snapshots.Org("s@ehpad.fr", 1, "a@ehpad.fr"));

    private static Caller Caller(string role, string? email = null, params string[] structures) =>
        new("subject", new HashSet<string> { role }, structures.ToHashSet(), email);

    [Fact]
    public void An_operator_sees_every_box() => Assert.True(MailboxAccess.CanView(Caller(Roles.Operator), Box));

    [Fact]
    public void A_structure_admin_sees_the_boxes_of_its_structures_only()
    {
        Assert.True(MailboxAccess.CanView(Caller(Roles.StructureAdmin, "admin@ehpad.fr", "structure-1"), Box));
        Assert.False(MailboxAccess.CanView(Caller(Roles.StructureAdmin, "admin@ehpad.fr", "structure-2"), Box));
    }

    [Fact]
    public void A_person_sees_a_shared_box_it_is_connection_account_of_whatever_the_case_of_its_address()
    {
        Assert.True(MailboxAccess.CanView(Caller(Roles.Person, "A@EHPAD.fr"), Box));
        Assert.False(MailboxAccess.CanView(Caller(Roles.Person, "b@ehpad.fr"), Box));
    }

    [Fact]
    public void A_connector_does_not_see_a_box_through_the_person_rule()
    {
        Assert.False(MailboxAccess.CanView(Caller(Roles.Connector, "a@ehpad.fr", "structure-1"), Box));
    }

    [Fact]
    public void The_me_calls_refuse_anyone_but_a_person_with_an_address()
    {
        Assert.Throws<Medimail.ServiceDefaults.Errors.PermissionDeniedException>(() => MailboxAccess.RequirePerson(Caller(Roles.Operator)));
        Assert.Throws<Medimail.ServiceDefaults.Errors.PermissionDeniedException>(() => MailboxAccess.RequirePerson(Caller(Roles.Person)));
        Assert.Equal("a@ehpad.fr", MailboxAccess.RequirePerson(Caller(Roles.Person, "A@ehpad.fr")));
    }
}
