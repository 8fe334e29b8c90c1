using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>The reference lists are public: connectors and forms need them before anyone signs in.</summary>
[AllowAnonymous]
internal sealed class ReferenceGrpcService(ReferenceData reference) : ReferenceService.ReferenceServiceBase
{
    public override Task<ListReferenceResponse> List(ListReferenceRequest request, ServerCallContext context)
    {
        if (!reference.TryGetList(request.List, out var items))
            throw new NotFoundException(
                $"Liste inconnue « {request.List} » : professions, specialties, departments, regions ou exercise-titles.");
        var response = new ListReferenceResponse();
        response.Items.AddRange(items.Select(ToProto));
        return Task.FromResult(response);
    }

    private static Medimail.Identity.V1.ReferenceItem ToProto(Domain.Reference.ReferenceItem item)
    {
        var proto = new Medimail.Identity.V1.ReferenceItem { Code = item.Code, Label = item.Label };
        if (item.Register is { } register) proto.Register = register;
        if (item.RegionCode is { } region) proto.RegionCode = region;
        return proto;
    }
}
