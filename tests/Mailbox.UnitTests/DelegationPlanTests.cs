using Medimail.Mailbox.Domain;

namespace Medimail.Mailbox.UnitTests;

public sealed class DelegationPlanTests
{
    [Fact]
    public void A_connection_account_still_listed_keeps_its_settings()
    {
        var box = MailboxProjection.From(Snapshots.Org("s@ehpad.fr", 2, "a@ehpad.fr", "c@ehpad.fr"));
        var current = new[]
        {
            new Delegation { ConnectionAccount = "a@ehpad.fr", BoxAddress = "s@ehpad.fr", IsDefault = true, ReceptionNotice = true },
            new Delegation { ConnectionAccount = "b@ehpad.fr", BoxAddress = "s@ehpad.fr" },
            new Delegation { ConnectionAccount = "a@ehpad.fr", BoxAddress = "other@ehpad.fr" },
        };

        var plan = DelegationPlan.For(box, current);

        Assert.Equal(["c@ehpad.fr"], plan.ToAdd.Select(d => d.ConnectionAccount));
        Assert.All(plan.ToAdd, d => Assert.False(d.IsDefault || d.ReceptionNotice));
        Assert.Equal(["b@ehpad.fr"], plan.ToRemove.Select(d => d.ConnectionAccount));
        Assert.True(current[0].IsDefault && current[0].ReceptionNotice);
    }

    [Fact]
    public void A_personal_box_delegates_to_nobody()
    {
        var box = MailboxProjection.From(Snapshots.Person("c@ehpad.fr"));

        var plan = DelegationPlan.For(box, []);

        Assert.Empty(plan.ToAdd);
        Assert.Empty(plan.ToRemove);
    }
}
