using Medimail.Notification.Domain;

namespace Medimail.Notification.UnitTests;

public sealed class MailNotificationTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    private static MailNotification Queued() => MailNotification.Queue(Guid.NewGuid(), "a@ehpad.fr", NotificationKinds.Enrolment,
        new RenderedMail("Objet", "texte", "<p>html</p>"), content: null, "id@medimail.fr", Now, "structure-1", null);

    [Fact]
    public void A_queued_mail_is_due_at_once()
    {
        var mail = Queued();
        Assert.Equal(NotificationStates.Queued, mail.State);
        Assert.Equal(Now, mail.NextAttemptAt);
        Assert.Equal(0, mail.Attempts);
    }

    [Fact]
    public void A_sent_mail_records_the_attempt_and_the_time()
    {
        var mail = Queued();
        mail.RecordFailure("451 try later", permanent: false, Retry, Now, 0.5);

        mail.MarkSent(Now.AddMinutes(1));

        Assert.Equal(NotificationStates.Sent, mail.State);
        Assert.Equal(2, mail.Attempts);
        Assert.Equal(Now.AddMinutes(1), mail.SentAt);
        Assert.Null(mail.LastError);
    }

    [Fact]
    public void A_temporary_failure_stays_queued_for_a_later_attempt()
    {
        var mail = Queued();

        mail.RecordFailure("451 4.7.1 try later", permanent: false, Retry, Now, 0.5);

        Assert.Equal(NotificationStates.Queued, mail.State);
        Assert.Equal(1, mail.Attempts);
        Assert.Equal(Now.AddSeconds(30), mail.NextAttemptAt);
        Assert.Equal("451 4.7.1 try later", mail.LastError);
    }

    [Fact]
    public void A_permanent_failure_fails_at_once()
    {
        var mail = Queued();

        mail.RecordFailure("550 5.1.1 no such user", permanent: true, Retry, Now, 0.5);

        Assert.Equal(NotificationStates.Failed, mail.State);
        Assert.Equal(1, mail.Attempts);
    }

    [Fact]
    public void The_last_allowed_attempt_fails_the_mail_even_when_temporary()
    {
        var mail = Queued();
        for (var i = 0; i < Retry.MaxAttempts; i++)
            mail.RecordFailure("connection refused", permanent: false, Retry, Now, 0.5);

        Assert.Equal(NotificationStates.Failed, mail.State);
        Assert.Equal(Retry.MaxAttempts, mail.Attempts);
    }

    [Fact]
    public void A_long_error_is_cut_to_what_the_column_holds()
    {
        var mail = Queued();
        mail.RecordFailure(new string('x', 5000), permanent: false, Retry, Now, 0.5);
        Assert.Equal(MailNotification.MaxErrorLength, mail.LastError!.Length);
    }
}
