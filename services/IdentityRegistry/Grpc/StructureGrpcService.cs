using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Structures;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class StructureGrpcService(StructureRegistry structures) : StructureService.StructureServiceBase
{
    public override async Task<Structure> CreateStructure(CreateStructureRequest request, ServerCallContext context)
    {
        var input = new StructureInput(request.Name,
            request.IdentifierType == Structure.Types.IdentifierType.Unspecified ? "" : request.IdentifierType.ToString(),
            request.Identifier, request.MssanteDomain);
        var created = await structures.CreateAsync(context.Caller(), input, RequestIds.Of(request, request.RequestId), context.CancellationToken);
        return ToProto(created);
    }

    public override async Task<Structure> GetStructure(GetStructureRequest request, ServerCallContext context) =>
        ToProto(await structures.GetAsync(context.Caller(), request.Id, context.CancellationToken));

    public override async Task<ListStructuresResponse> ListStructures(ListStructuresRequest request, ServerCallContext context)
    {
        var (page, total, next) = await structures.ListAsync(context.Caller(), request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListStructuresResponse { TotalSize = total, NextPageToken = next };
        response.Structures.AddRange(page.Select(ToProto));
        return response;
    }

    public override async Task<Structure> AddStructureAdmin(AddStructureAdminRequest request, ServerCallContext context) =>
        ToProto(await structures.AddAdminAsync(context.Caller(), request.StructureId, request.Email, context.CancellationToken));

    public override async Task<Connector> CreateConnector(CreateConnectorRequest request, ServerCallContext context)
    {
        var (clientId, secret, name) = await structures.CreateConnectorAsync(context.Caller(), request.StructureId, request.Name, context.CancellationToken);
        return new Connector { ClientId = clientId, ClientSecret = secret, Name = name, StructureId = request.StructureId };
    }

    internal static Structure ToProto(StructureRecord s)
    {
        var proto = new Structure
        {
            Id = s.Id.ToString(),
            Name = s.Name,
            IdentifierType = System.Enum.Parse<Structure.Types.IdentifierType>(s.IdentifierType, ignoreCase: true),
            Identifier = s.Identifier,
            MssanteDomain = s.MssanteDomain,
            NationalId = s.NationalId,
            CreateTime = Timestamp.FromDateTimeOffset(s.CreatedAt),
            Etag = Etags.Of(s.Version),
        };
        proto.AdminEmails.AddRange(s.AdminEmails);
        return proto;
    }
}
