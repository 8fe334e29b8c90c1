using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Traces;

namespace Medimail.Mailbox.Grpc;

internal static class MessageMapping
{
    /// <summary>The request's attachment bytes are viewed, not copied.</summary>
    public static OutgoingMessage ToOutgoing(this V1.SendMessageRequest request) => new(
        request.Address, request.To, request.Cc, request.Subject, request.Body,
        request.Attachments.Select(a => new OutgoingAttachment(a.FileName, a.ContentType, a.Content.Memory)).ToList(),
        request.RequestId);

    public static V1.Message ToProto(this StoredMessage message, string folder, DateTimeOffset storedAt,
        IReadOnlyList<AttachmentWithContent>? files = null, bool withBody = true) => new()
    {
        Id = message.Id.ToString(),
        From = message.FromAddress,
        FromDisplayName = message.FromDisplayName,
        To = { message.To },
        Cc = { message.Cc },
        Subject = message.Subject,
        Body = withBody ? message.Body : "",
        ReplyTo = message.ReplyTo ?? "",
        CreateTime = Timestamp.FromDateTimeOffset(storedAt),
        Folder = folder,
        Attachments =
        {
            files is not null
                ? files.Select(f => Attachment(f.Attachment, ByteString.CopyFrom(f.Content)))
                : message.Attachments.OrderBy(a => a.Position).Select(a => Attachment(a, ByteString.Empty)),
        },
    };

    public static V1.Trace ToProto(this TraceEntry trace) => new()
    {
        Actor = trace.Actor,
        ActorKind = trace.ActorKind,
        Time = Timestamp.FromDateTimeOffset(trace.Time),
        Action = trace.Action,
        Outcome = trace.Outcome,
        Detail = trace.Detail,
        MessageId = trace.MessageId?.ToString() ?? "",
        Address = trace.BoxAddress,
        Channel = trace.Channel,
    };

    private static V1.Attachment Attachment(MessageAttachment attachment, ByteString content) => new()
    {
        FileName = attachment.FileName,
        ContentType = attachment.ContentType,
        Size = attachment.Size,
        Content = content,
    };
}
