using Grpc.Core;
using Medimail.Directory.V1;
using Medimail.Directory.Visibility;
using Medimail.ServiceDefaults.Auth;

namespace Medimail.Directory.Grpc;

/// <summary>Liste rouge: whether a box is hidden from each directory (see <see cref="VisibilityChanger"/>).</summary>
public sealed class VisibilityGrpcService(VisibilityChanger changer) : VisibilityService.VisibilityServiceBase
{
    public override async Task<V1.Visibility> SetVisibility(SetVisibilityRequest request, ServerCallContext context)
    {
        var change = new VisibilityChange(request.Email,
            request.HasUnlistedRegional ? request.UnlistedRegional : null,
            request.HasUnlistedNational ? request.UnlistedNational : null);
        var entry = await changer.SetAsync(Caller.From(context.GetHttpContext().User), change, context.CancellationToken);
        return new V1.Visibility
        {
            Email = entry.Email,
            UnlistedRegional = entry.UnlistedRegional,
            UnlistedNational = entry.UnlistedNational,
        };
    }
}
