using Medimail.Mailbox.Domain;

namespace Medimail.Mailbox.UnitTests;

public sealed class MyMailboxesTests
{
    private static readonly MailboxProjection Own = MailboxProjection.From(Snapshots.Person("a@ehpad.fr"));

    private static (MailboxProjection, Delegation) Shared(string address, bool isDefault = false, string state = "ACTIVE") =>
        (MailboxProjection.From(Snapshots.Org(address, 1, "a@ehpad.fr") with { State = state, Description = address }),
         new Delegation { ConnectionAccount = "a@ehpad.fr", BoxAddress = address, IsDefault = isDefault });

    [Fact]
    public void The_own_box_comes_first_and_is_the_default_when_no_shared_box_is()
    {
        var list = MyMailboxes.Compose(Own, [Shared("z@ehpad.fr"), Shared("b@ehpad.fr")]);

        Assert.Equal(["a@ehpad.fr", "b@ehpad.fr", "z@ehpad.fr"], list.Select(m => m.Address));
        Assert.Equal([true, false, false], list.Select(m => m.IsDefault));
    }

    [Fact]
    public void A_default_shared_box_takes_the_default_from_the_own_box()
    {
        var list = MyMailboxes.Compose(Own, [Shared("b@ehpad.fr", isDefault: true)]);

        Assert.Equal([false, true], list.Select(m => m.IsDefault));
    }

    [Fact]
    public void A_disabled_shared_box_is_left_out_and_gives_the_default_back_to_the_own_box()
    {
        var list = MyMailboxes.Compose(Own, [Shared("b@ehpad.fr", isDefault: true, state: "DISABLED")]);

        Assert.Equal(["a@ehpad.fr"], list.Select(m => m.Address));
        Assert.True(list[0].IsDefault);
    }
}
