using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Grpc;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Audit;

/// <summary>
/// Records the calls the rules refused: the change rolled back with its own entry, so the refusal is written here, in a
/// transaction of its own. Every refusal for lack of rights is kept, reads included; a change refused by a rule
/// (invalid field, stale etag, wrong state) is kept as FAILED; a read that found nothing is not an act.
/// Runs inside the error mapping, so it sees the domain exception before it becomes a status.
/// </summary>
internal sealed class AuditRefusals(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditRefusals> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (DomainException ex) { await RecordAsync(request as IMessage, context, ex); throw; }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (DomainException ex) { await RecordAsync(request as IMessage, context, ex); throw; }
    }

    private async Task RecordAsync(IMessage? request, ServerCallContext context, DomainException ex)
    {
        var action = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var denied = ex is PermissionDeniedException;
        if (!denied && (IsRead(action) || ex is NotFoundException))
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var (target, structure) = TargetOf(request);
            AuditTrail.Add(db, new AuditDraft(AuditActor.Of(context.Caller()), action, target, structure,
                Outcome: denied ? AuditOutcomes.Denied : AuditOutcomes.Failed, Detail: ex.Message), clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception recordFailure)
        {
            // The caller still gets its refusal; the missing entry is loud in the logs.
            logger.LogError(recordFailure, "The refusal of {Action} could not be written to the audit", action);
        }
    }

    private static bool IsRead(string action) =>
        action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)
        || action.StartsWith("Search", StringComparison.Ordinal);

    /// <summary>The request's email (or account.email), id or structure id, read by field name so every request type works.</summary>
    internal static (string Target, Guid? StructureId) TargetOf(IMessage? request)
    {
        if (request is null) return ("", null);
        var structureText = Text(request, "structure_id") ?? Text(Nested(request, "account"), "structure_id");
        var box = Text(Nested(request, "box"), "email");
        Guid? structure = Guid.TryParse(structureText, out var id) ? id : null;
        var target = Text(request, "email") ?? Text(Nested(request, "account"), "email") ?? box ?? Text(request, "id")
            ?? Text(request, "client_id") ?? structureText ?? "";
        return (target.Length > 254 ? target[..254] : target, structure);
    }

    private static IMessage? Nested(IMessage? message, string field) =>
        message?.Descriptor.FindFieldByName(field) is { FieldType: FieldType.Message } f ? f.Accessor.GetValue(message) as IMessage : null;

    private static string? Text(IMessage? message, string field) =>
        message?.Descriptor.FindFieldByName(field) is { FieldType: FieldType.String, IsRepeated: false } f
        && f.Accessor.GetValue(message) is string { Length: > 0 } value ? value : null;
}
