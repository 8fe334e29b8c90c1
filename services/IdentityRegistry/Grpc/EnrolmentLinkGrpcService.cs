using Grpc.Core;
using Medimail.Identity.Internal.V1;
using Medimail.IdentityRegistry.Enrolment;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>Notification's RelaunchService calls this with the administrator's own token: the same rules apply.</summary>
internal sealed class EnrolmentLinkGrpcService(Invitations invitations) : EnrolmentLinkService.EnrolmentLinkServiceBase
{
    public override async Task<IssueRelaunchLinksResponse> IssueRelaunchLinks(IssueRelaunchLinksRequest request, ServerCallContext context)
    {
        var (recipients, structureName) = await invitations.RelaunchAsync(
            context.Caller(), request.StructureId, request.RelaunchId, request.RequestedBy, context.CancellationToken);
        var response = new IssueRelaunchLinksResponse { StructureName = structureName };
        response.Recipients.AddRange(recipients);
        return response;
    }
}
