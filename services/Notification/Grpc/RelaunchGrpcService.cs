using Grpc.Core;
using Medimail.Notification.Domain;
using Medimail.Notification.Relaunches;
using Medimail.Notification.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Medimail.ServiceDefaults.Paging;

namespace Medimail.Notification.Grpc;

/// <summary>Relaunches for the structure's administrators and the service centre; connectors (software) may not.</summary>
public sealed class RelaunchGrpcService(RelaunchCoordinator coordinator, RelaunchQueries queries) : RelaunchService.RelaunchServiceBase
{
    public override async Task<V1.Relaunch> StartRelaunch(StartRelaunchRequest request, ServerCallContext context)
    {
        var caller = Authorize(context, request.StructureId);
        // Identity-Registry trusts this service's identity, not the caller's token: it is told who asked, and as what.
        var role = caller.IsOperator ? Roles.Operator : Roles.StructureAdmin;
        var relaunch = await coordinator.StartAsync(CanonicalId.Parse(request.StructureId, "structureId"), request.RequestId, caller.DisplayName, role,
            context.CancellationToken);
        return relaunch.ToProto();
    }

    public override async Task<V1.Relaunch> GetLastRelaunch(GetLastRelaunchRequest request, ServerCallContext context)
    {
        Authorize(context, request.StructureId);
        var relaunch = await queries.LastAsync(CanonicalId.Parse(request.StructureId, "structureId"), context.CancellationToken)
            ?? throw new NotFoundException("Aucune relance n'a encore été faite pour cette structure.");
        return relaunch.ToProto(await queries.DeliveriesAsync(relaunch, context.CancellationToken));
    }

    public override async Task<ListRelaunchesResponse> ListRelaunches(ListRelaunchesRequest request, ServerCallContext context)
    {
        Authorize(context, request.StructureId);
        var structureId = CanonicalId.Parse(request.StructureId, "structureId");
        var page = await queries.ListAsync(structureId, PageSize.Resolve(request.PageSize),
            PageToken.Decode(request.PageToken, structureId), context.CancellationToken);
        return new ListRelaunchesResponse
        {
            Relaunches = { page.Items.Select(r => r.ToProto()) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        };
    }

    private static Caller Authorize(ServerCallContext context, string structureId)
    {
        var canonical = CanonicalId.Parse(structureId, "structureId");
        var caller = Caller.From(context.GetHttpContext().User);
        if (caller.IsOperator || (caller.IsStructureAdmin && caller.StructureIds.Contains(canonical)))
            return caller;
        throw new PermissionDeniedException("Les relances sont réservées aux administrateurs de la structure et au centre de services.");
    }
}
