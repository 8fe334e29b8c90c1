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

    /// <summary>A relaunch; with <paramref name="deliveries"/>, who it reached and how.</summary>
    public static V1.Relaunch ToProto(this Domain.Relaunch relaunch, IReadOnlyList<Relaunches.RelaunchQueries.RecipientDelivery>? deliveries = null)
    {
        var proto = new V1.Relaunch
        {
            Id = relaunch.Id.ToString(),
            StructureId = relaunch.StructureId,
            CreateTime = Timestamp.FromDateTimeOffset(relaunch.CreatedAt),
            RequestedBy = relaunch.RequestedBy,
            RecipientCount = relaunch.RecipientCount,
        };
        if (deliveries is not null)
            proto.Recipients.AddRange(deliveries.Select(d => new RelaunchRecipient
            {
                Email = d.Email,
                DeliveryState = StateOf(d.State),
                LastError = d.LastError ?? "",
            }));
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
