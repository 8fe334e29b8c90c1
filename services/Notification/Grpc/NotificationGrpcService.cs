using Grpc.Core;
using Medimail.Notification.Data;
using Medimail.Notification.Domain;
using Medimail.Notification.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;

namespace Medimail.Notification.Grpc;

public sealed class NotificationGrpcService(NotificationHistory history) : NotificationService.NotificationServiceBase
{
    /// <summary>The service centre's view of every mail; administrators see their structure's through relaunches.</summary>
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        if (!Caller.From(context.GetHttpContext().User).IsOperator)
            throw new PermissionDeniedException("L'historique des e-mails est réservé au centre de services.");

        var recipient = request.Recipient.Trim().ToLowerInvariant();
        var pageSize = PageSize.Resolve(request.PageSize);
        var after = PageToken.Decode(request.PageToken, recipient);
        var page = await history.ListAsync(recipient, pageSize, after, context.CancellationToken);
        return new ListNotificationsResponse
        {
            Notifications = { page.Items.Select(n => n.ToProto()) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }
}
