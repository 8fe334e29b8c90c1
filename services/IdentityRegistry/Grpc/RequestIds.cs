using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Grpc;

internal static class RequestIds
{
    /// <summary>An empty requestId means "not idempotent"; anything else must be a UUID.</summary>
    public static Guid? Parse(string value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Guid.TryParse(value, out var id) ? id
        : throw new ValidationFailedException("requestId", "requestId doit être un UUID (ex. 3f2b8c1e-0d4a-4c55-9a57-2f1e6f0b7c11).");

    /// <summary>The request's id and the fingerprint of everything else it says (its fields but request_id).</summary>
    public static IdempotencyKey? Of<T>(T request, string requestId) where T : Google.Protobuf.IMessage<T>, Google.Protobuf.IDeepCloneable<T>
    {
        if (Parse(requestId) is not { } id)
            return null;
        var body = request.Clone();
        body.Descriptor.FindFieldByName("request_id")?.Accessor.Clear(body);
        var hash = System.Security.Cryptography.SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(body));
        return new IdempotencyKey(id, Convert.ToHexStringLower(hash));
    }
}

/// <summary>
/// A requestId and the fingerprint of the request it came with. A replay is answered with the first answer only when
/// it comes from the same caller, for the same structure, with the same body; otherwise ALREADY_EXISTS on requestId,
/// never another caller's resource.
/// </summary>
internal sealed record IdempotencyKey(Guid Id, string Fingerprint)
{
    public void EnsureSameRequest(Medimail.IdentityRegistry.Data.IdempotencyRecord earlier, string caller, string scope)
    {
        if (earlier.Caller != caller || earlier.Scope != scope || earlier.Fingerprint != Fingerprint)
            throw new AlreadyExistsException("Ce requestId a déjà servi à une autre requête : générez un nouvel identifiant pour celle-ci.", "requestId");
    }

    public Medimail.IdentityRegistry.Data.IdempotencyRecord Record(string operation, string resourceId, string caller, string scope, DateTimeOffset now) => new()
    {
        RequestId = Id, Operation = operation, ResourceId = resourceId, Caller = caller, Scope = scope, Fingerprint = Fingerprint, CreatedAt = now,
    };
}

internal static class Etags
{
    public static string Of(long version) => $"W/\"{version}\"";
}

/// <summary>Dates of the API ("2027-01-31") in filters.</summary>
internal static class ExpiryDates
{
    public static DateOnly? Parse(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day
        : throw new ValidationFailedException(field, $"{field} doit être une date AAAA-MM-JJ (ex. 2027-01-31).");
}
