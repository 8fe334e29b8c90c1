namespace Medimail.ServiceDefaults.Errors;

/// <summary>Errors the business rules raise; <see cref="ErrorMappingInterceptor"/> turns each into its precise gRPC status.</summary>
public abstract class DomainException(string message) : Exception(message);

public sealed class ValidationFailedException(IReadOnlyList<FieldViolation> violations)
    : DomainException(Describe(violations))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public ValidationFailedException(string field, string description) : this([new FieldViolation(field, description)]) { }

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 1 ? $"{violations[0].Field} : {violations[0].Description}"
        : $"{violations.Count} champs invalides : {FieldList(violations)}.";

    // The message travels in the grpc-message trailer: it names a few fields, the violations list them all (up to the cap).
    private static string FieldList(IReadOnlyList<FieldViolation> violations)
    {
        var fields = violations.Select(v => v.Field).Distinct().ToList();
        const int shown = 10;
        return fields.Count <= shown ? string.Join(", ", fields) : $"{string.Join(", ", fields.Take(shown))}… ({fields.Count - shown} autres)";
    }
}

public sealed class NotFoundException(string message) : DomainException(message);

public sealed class AlreadyExistsException(string message, string? field = null) : DomainException(message)
{
    public string? Field { get; } = field;
}

public sealed class PermissionDeniedException(string message) : DomainException(message);

/// <summary>The request is well formed but the resource is not in a state that allows it (or the etag is stale).</summary>
public sealed class FailedPreconditionException(string message, bool staleEtag = false) : DomainException(message)
{
    public bool StaleEtag { get; } = staleEtag;
}
