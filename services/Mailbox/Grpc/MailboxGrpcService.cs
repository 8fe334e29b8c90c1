using Grpc.Core;
using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.Mailbox.V1;
using Medimail.ServiceDefaults.Auth;

namespace Medimail.Mailbox.Grpc;

public sealed class MailboxGrpcService(MailboxStore store) : MailboxService.MailboxServiceBase
{
    public override async Task<V1.Mailbox> GetMailbox(GetMailboxRequest request, ServerCallContext context)
    {
        var box = await store.GetVisibleAsync(CallerOf(context), request.Address, context.CancellationToken);
        var connections = await store.ConnectionsOfAsync(box.Address, context.CancellationToken);
        return box.ToProto(connections);
    }

    public override async Task<ListMyMailboxesResponse> ListMyMailboxes(ListMyMailboxesRequest request, ServerCallContext context)
    {
        var me = MailboxAccess.RequirePerson(CallerOf(context));
        var mine = await store.ListMineAsync(me, context.CancellationToken);
        return new ListMyMailboxesResponse { Mailboxes = { mine.Select(m => m.ToProto()) } };
    }

    public override async Task<V1.MyMailbox> UpdateMyMailboxSettings(UpdateMyMailboxSettingsRequest request, ServerCallContext context)
    {
        var me = MailboxAccess.RequirePerson(CallerOf(context));
        var change = new MySettingsChange(
            request.HasIsDefault ? request.IsDefault : null,
            request.HasReceptionNotice ? request.ReceptionNotice : null);
        var updated = await store.UpdateMineAsync(me, request.Address, change, context.CancellationToken);
        return updated.ToProto();
    }

    private static Caller CallerOf(ServerCallContext context) => Caller.From(context.GetHttpContext().User);
}
