using Grpc.Core;
using Medimail.Identity.Internal.V1;
using Medimail.IdentityRegistry.Enrolment;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>
/// Notification's RelaunchService calls this with its service identity (the internal policy on the mapping refuses
/// any other token); it has checked that the requester may relaunch the structure, and names them.
/// </summary>
internal sealed class EnrolmentLinkGrpcService(Invitations invitations) : EnrolmentLinkService.EnrolmentLinkServiceBase
{
    public override async Task<IssueRelaunchLinksResponse> IssueRelaunchLinks(IssueRelaunchLinksRequest request, ServerCallContext context)
    {
        var (recipients, structureName) = await invitations.RelaunchAsync(
            request.StructureId, request.RelaunchId, new Audit.AuditActor(request.RequestedBy ?? "", request.RequestedByRole ?? ""),
            context.CancellationToken);
        var response = new IssueRelaunchLinksResponse { StructureName = structureName };
        response.Recipients.AddRange(recipients);
        return response;
    }
}
