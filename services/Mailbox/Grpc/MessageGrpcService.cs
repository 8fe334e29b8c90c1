using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Mailbox.Messages;
using Medimail.Mailbox.Traces;
using Medimail.Mailbox.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Grpc;

/// <summary>Messages, traces and connection settings. Every send, read and delete is traced, refusals too.</summary>
public sealed class MessageGrpcService(
    MessageSender sender, MessageReader reader, TraceLog traces, TraceQueries traceQueries, ConnectionSettingsStore connections)
    : MessageService.MessageServiceBase
{
    public override async Task<Message> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        var actor = ActorOf(context);
        var (message, _) = await TracedAsync(actor, request.Address, TraceActions.Send, null,
            () => sender.SendAsync(actor, request.ToOutgoing(), context.CancellationToken));
        return message.ToProto(Folders.Sent, message.CreatedAt);
    }

    public override async Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        var page = await reader.ListAsync(ActorOf(context), request.Address, request.Folder, request.PageSize, request.PageToken,
            context.CancellationToken);
        return new ListMessagesResponse
        {
            Messages = { page.Messages.Select(m => m.Message.ToProto(m.Folder, m.StoredAt, withBody: false)) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public override async Task<Message> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        var actor = ActorOf(context);
        var (message, files) = await TracedAsync(actor, request.Address, TraceActions.Read, ParseId(request.Id),
            () => reader.GetAsync(actor, request.Address, request.Id, context.CancellationToken));
        return message.Message.ToProto(message.Folder, message.StoredAt, files);
    }

    public override async Task<Empty> DeleteMessage(DeleteMessageRequest request, ServerCallContext context)
    {
        var actor = ActorOf(context);
        await TracedAsync(actor, request.Address, TraceActions.Delete, ParseId(request.Id), async () =>
        {
            await reader.DeleteAsync(actor, request.Address, request.Id, request.Folder, context.CancellationToken);
            return true;
        });
        return new Empty();
    }

    public override async Task<ListTracesResponse> ListTraces(ListTracesRequest request, ServerCallContext context)
    {
        var page = await traceQueries.ListAsync(CallerOf(context), request.Address, request.PageSize, request.PageToken, context.CancellationToken);
        return new ListTracesResponse
        {
            Traces = { page.Traces.Select(t => t.ToProto()) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    public override async Task<V1.ConnectionSettings> UpdateConnectionSettings(UpdateConnectionSettingsRequest request, ServerCallContext context)
    {
        var updated = await connections.UpdateAsync(CallerOf(context), request.Address, request.Email,
            request.HasIsDefault ? request.IsDefault : null, request.HasReceptionNotice ? request.ReceptionNotice : null,
            context.CancellationToken);
        return new V1.ConnectionSettings
        {
            Address = updated.Address, Email = updated.Email, IsDefault = updated.IsDefault, ReceptionNotice = updated.ReceptionNotice,
        };
    }

    /// <summary>A refused attempt is traced with its reason, then answered as usual by the error interceptor.</summary>
    private async Task<T> TracedAsync<T>(Actor actor, string address, string action, Guid? messageId, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DomainException ex)
        {
            await traces.RecordRefusedAsync(actor, address, action, messageId, ex.Message);
            throw;
        }
    }

    private static Guid? ParseId(string id) => Guid.TryParse(id, out var parsed) ? parsed : null;

    private static Actor ActorOf(ServerCallContext context) => new(CallerOf(context), TraceChannels.Api);

    private static Caller CallerOf(ServerCallContext context) => Caller.From(context.GetHttpContext().User);
}
