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

        // Identity-Registry applies its own rules to the feed (operators only): it gets the operator's token as is.
        var result = await rebuilder.RebuildAsync(http.Request.Headers.Authorization.ToString(), context.CancellationToken);
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
