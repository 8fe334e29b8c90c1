using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.UnitTests;

public sealed class MySettingsChangeTests
{
    private static IEnumerable<string> FieldsRejected(MySettingsChange change, bool ownBox, bool sharedDefaultExists = false) =>
        Assert.Throws<ValidationFailedException>(() => change.EnsureValid(ownBox, sharedDefaultExists)).Violations.Select(v => v.Field);

    [Fact]
    public void A_change_that_changes_nothing_names_the_fields_to_send() =>
        Assert.Equal(["isDefault"], FieldsRejected(new MySettingsChange(null, null), ownBox: false));

    [Fact]
    public void A_reception_notice_on_the_own_box_is_rejected_on_that_field() =>
        Assert.Equal(["receptionNotice"], FieldsRejected(new MySettingsChange(null, true), ownBox: true));

    [Fact]
    public void The_own_box_cannot_stop_being_the_default_while_no_shared_box_is() =>
        Assert.Equal(["isDefault"], FieldsRejected(new MySettingsChange(false, null), ownBox: true));

    [Fact]
    public void Valid_changes_pass()
    {
        new MySettingsChange(true, false).EnsureValid(ownBox: false, sharedDefaultExists: true);
        new MySettingsChange(true, null).EnsureValid(ownBox: true, sharedDefaultExists: true);
        new MySettingsChange(false, null).EnsureValid(ownBox: true, sharedDefaultExists: true);
    }
}
