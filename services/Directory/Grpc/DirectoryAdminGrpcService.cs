using Grpc.Core;
using Medimail.Directory.Projection.Rebuild;
using Medimail.Directory.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Grpc;

/// <summary>Operator commands: rebuilding the projection from Identity-Registry (recovery, or after a projection change).</summary>
public sealed class DirectoryAdminGrpcService(ProjectionRebuilder rebuilder) : DirectoryAdminService.DirectoryAdminServiceBase
{
    public override async Task<RebuildProjectionResponse> RebuildProjection(RebuildProjectionRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (!Caller.From(http.User).IsOperator)
            throw new PermissionDeniedException("Seul le centre de services peut reconstruire l'annuaire.");

        // The operator is checked here; Identity-Registry's feed answers this service's own identity (internal scope).
        var result = await rebuilder.RebuildAsync(context.CancellationToken);
        return new RebuildProjectionResponse
        {
            AccountsRead = result.AccountsRead,
            EntriesMerged = result.EntriesMerged,
            Entries = result.Entries,
            ListedRegional = result.ListedRegional,
            ListedNational = result.ListedNational,
            EntriesDropped = result.EntriesDropped,
        };
    }
}
