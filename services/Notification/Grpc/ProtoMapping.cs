using Google.Protobuf.WellKnownTypes;
using Medimail.Notification.Domain;
using Medimail.Notification.V1;

namespace Medimail.Notification.Grpc;

internal static class ProtoMapping
{
    /// <summary>The history line: state and outcome, never the body (it may hold an enrolment link).</summary>
    public static V1.Notification ToProto(this MailNotification mail)
    {
        var proto = new V1.Notification
        {
            Id = mail.Id.ToString(),
            Recipient = mail.Recipient,
            Kind = mail.Kind,
            State = StateOf(mail.State),
            Attempts = mail.Attempts,
            LastError = mail.LastError ?? "",
            CreateTime = Timestamp.FromDateTimeOffset(mail.CreatedAt),
            MessageId = mail.MessageId,
        };
        if (mail.SentAt is { } sentAt)
            proto.SentTime = Timestamp.FromDateTimeOffset(sentAt);
        return proto;
    }

    private static DeliveryState StateOf(string state) => state switch
    {
        NotificationStates.Queued => DeliveryState.Queued,
        NotificationStates.Sent => DeliveryState.Sent,
        NotificationStates.Failed => DeliveryState.Failed,
        _ => DeliveryState.Unspecified,
    };
}
