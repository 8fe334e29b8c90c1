using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Structures;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class AuditGrpcService(AuditQuery audit) : AuditService.AuditServiceBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var filter = new AuditFilter(
            string.IsNullOrWhiteSpace(request.StructureId) ? null : StructureRegistry.ParseId(request.StructureId, "structureId"),
            Blank(request.Target)?.ToLowerInvariant() is { } t && t.Contains('@') ? t : Blank(request.Target),
            Blank(request.Actor), Blank(request.Action),
            request.FromTime?.ToDateTimeOffset(), request.ToTime?.ToDateTimeOffset());
        var (page, total, next) = await audit.ListAsync(context.Caller(), filter, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListAuditEntriesResponse { TotalSize = total, NextPageToken = next };
        response.Entries.AddRange(page.Select(e => new AuditEntry
        {
            Id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Time = Timestamp.FromDateTimeOffset(e.Time),
            Actor = e.Actor,
            ActorRole = e.ActorRole,
            Action = e.Action,
            Target = e.Target,
            StructureId = e.StructureId?.ToString() ?? "",
            Before = e.Before ?? "",
            After = e.After ?? "",
            Outcome = e.Outcome,
            Detail = e.Detail ?? "",
            CorrelationId = e.CorrelationId ?? "",
        }));
        return response;
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
