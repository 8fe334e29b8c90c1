using Medimail.Mailbox.Messages;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.UnitTests;

public sealed class OutgoingMessageTests
{
    private static readonly MessageLimits Limits = new() { MaxAttachments = 2, MaxAttachmentBytes = 1000 };

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.7"u8.CopyTo(bytes);
        return bytes;
    }

    private static OutgoingMessage Message(params OutgoingAttachment[] files) =>
        new("no-reply@chu.fr", ["dr.martin@chu.fr"], [], "Compte rendu", "Bonjour", files, "r-1");

    private static IReadOnlyList<string> FieldsOf(OutgoingMessage message) =>
        Assert.Throws<ValidationFailedException>(() => message.Validate(Limits)).Violations.Select(v => v.Field).ToList();

    [Fact]
    public void A_message_within_the_limits_is_valid() =>
        Message(new OutgoingAttachment("a.pdf", "application/pdf", Pdf(500))).Validate(Limits);

    [Fact]
    public void Attachments_over_the_total_size_are_refused_on_the_attachments_field() =>
        Assert.Equal(["attachments"], FieldsOf(Message(
            new OutgoingAttachment("a.pdf", "application/pdf", Pdf(600)), new OutgoingAttachment("b.pdf", "application/pdf", Pdf(401)))));

    [Fact]
    public void Too_many_attachments_are_refused() =>
        Assert.Equal(["attachments"], FieldsOf(Message(
            new OutgoingAttachment("a.pdf", "application/pdf", Pdf(10)), new OutgoingAttachment("b.pdf", "application/pdf", Pdf(10)),
            new OutgoingAttachment("c.pdf", "application/pdf", Pdf(10)))));

    [Fact]
    public void A_recipient_that_is_not_an_address_is_named_by_its_index()
    {
        var message = Message() with { To = ["dr.martin@chu.fr", "pas une adresse"], Cc = ["x"] };
        Assert.Equal(["to[1]", "cc[0]"], FieldsOf(message));
    }

    [Fact]
    public void No_recipient_is_refused() => Assert.Equal(["to"], FieldsOf(Message() with { To = [] }));

    [Fact]
    public void A_subject_with_a_line_break_is_refused() => Assert.Equal(["subject"], FieldsOf(Message() with { Subject = "a\r\nBcc: x@y.fr" }));

    [Fact]
    public void A_file_name_with_a_path_is_refused() =>
        Assert.Equal(["attachments[0].fileName"], FieldsOf(Message(new OutgoingAttachment("../../etc/passwd", "text/plain", "x"u8.ToArray()))));
}

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 })]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 })]
    [InlineData("image/jpeg; name=x.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData("text/plain", new byte[] { 0x42, 0x6F, 0x6E })]
    public void Bytes_matching_the_declared_type_pass(string type, byte[] bytes) => Assert.Null(ContentTypes.Check(type, bytes));

    [Theory]
    [InlineData("application/pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData("image/png", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData("text/plain", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })]
    [InlineData("text/plain", new byte[] { 0x41, 0x00, 0x42 })]
    public void Bytes_not_matching_the_declared_type_are_refused(string type, byte[] bytes) => Assert.NotNull(ContentTypes.Check(type, bytes));

    [Fact]
    public void An_unknown_type_is_refused() => Assert.Contains("n'est pas accepté", ContentTypes.Check("application/x-msdownload", new byte[] { 1 }));
}

public sealed class MessageAccessTests
{
    private static Medimail.ServiceDefaults.Auth.Caller Person(string email) =>
        new("sub", new HashSet<string> { Medimail.ServiceDefaults.Auth.Roles.Person }, new HashSet<string>(), email);

    private static Medimail.ServiceDefaults.Auth.Caller Connector(string structure) =>
        new("client", new HashSet<string> { Medimail.ServiceDefaults.Auth.Roles.Connector }, new HashSet<string> { structure }, null);

    [Fact]
    public void A_person_removed_from_a_shared_box_is_refused_by_the_next_check()
    {
        var box = Medimail.Mailbox.Domain.MailboxProjection.From(Snapshots.Org("s@ehpad.fr", 1, "a@ehpad.fr", "b@ehpad.fr"));
        Assert.True(MessageAccess.CanUse(Person("b@ehpad.fr"), box));

        box.Apply(Snapshots.Org("s@ehpad.fr", 2, "a@ehpad.fr"));

        Assert.False(MessageAccess.CanUse(Person("b@ehpad.fr"), box));
        Assert.Throws<NotFoundException>(() => MessageAccess.RequireUsable(Person("b@ehpad.fr"), box, box.Address));
    }

    [Fact]
    public void A_connector_uses_the_app_boxes_of_its_structure_only_never_an_org_box()
    {
        var app = Medimail.Mailbox.Domain.MailboxProjection.From(Snapshots.Org("no-reply@chu.fr", 1, "a@chu.fr") with { Type = "APP" });
        var org = Medimail.Mailbox.Domain.MailboxProjection.From(Snapshots.Org("s@chu.fr", 1, "a@chu.fr"));
        Assert.True(MessageAccess.CanUse(Connector(app.StructureId), app));
        Assert.False(MessageAccess.CanUse(Connector("another-structure"), app));
        Assert.False(MessageAccess.CanUse(Connector(org.StructureId), org));
    }
}
