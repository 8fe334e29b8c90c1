using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Structures;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class StructureGrpcService(StructureRegistry structures, ConnectorRegistry connectors) : StructureService.StructureServiceBase
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

    public override async Task<Structure> RemoveStructureAdmin(RemoveStructureAdminRequest request, ServerCallContext context) =>
        ToProto(await structures.RemoveAdminAsync(context.Caller(), request.StructureId, request.Email, context.CancellationToken));

    public override async Task<Connector> CreateConnector(CreateConnectorRequest request, ServerCallContext context)
    {
        var (connector, secret) = await connectors.CreateAsync(context.Caller(), request.StructureId, request.Name, context.CancellationToken);
        return ToProto(connector, secret);
    }

    public override async Task<ListConnectorsResponse> ListConnectors(ListConnectorsRequest request, ServerCallContext context)
    {
        var response = new ListConnectorsResponse();
        response.Connectors.AddRange((await connectors.ListAsync(context.Caller(), request.StructureId, context.CancellationToken)).Select(c => ToProto(c, null)));
        return response;
    }

    public override async Task<Connector> RotateConnectorSecret(ConnectorActionRequest request, ServerCallContext context)
    {
        var (connector, secret) = await connectors.RotateAsync(context.Caller(), request.StructureId, request.ClientId, context.CancellationToken);
        return ToProto(connector, secret);
    }

    public override async Task<Connector> RevokeConnector(ConnectorActionRequest request, ServerCallContext context) =>
        ToProto(await connectors.RevokeAsync(context.Caller(), request.StructureId, request.ClientId, context.CancellationToken), null);

    private static Connector ToProto(ConnectorRecord c, string? secret)
    {
        var proto = new Connector
        {
            ClientId = c.ClientId,
            ClientSecret = secret ?? "",
            Name = c.Name,
            StructureId = c.StructureId.ToString(),
            CreateTime = Timestamp.FromDateTimeOffset(c.CreatedAt),
            Revoked = c.RevokedAt is not null,
        };
        if (c.LastUsedAt is { } used) proto.LastUsedTime = Timestamp.FromDateTimeOffset(used);
        if (c.RotatedAt is { } rotated) proto.RotateTime = Timestamp.FromDateTimeOffset(rotated);
        return proto;
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
