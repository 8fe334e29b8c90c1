namespace Medimail.IdentityRegistry.Domain.Validation;

/// <summary>
/// Errors block the save; warnings are stored on the account for the administrator to look at
/// (an RPPS failing its check digit, an ORG address that does not look generic).
/// </summary>
public sealed record ValidationResult(IReadOnlyList<FieldViolation> Errors, IReadOnlyList<FieldViolation> Warnings)
{
    public static ValidationResult Valid { get; } = new([], []);

    public bool IsValid => Errors.Count == 0;

    /// <summary>For the gRPC layer: "rpps" becomes "account.rpps".</summary>
    public ValidationResult WithPrefix(string prefix) => new(
        Errors.Select(e => e with { Field = prefix + e.Field }).ToList(),
        Warnings.Select(w => w with { Field = prefix + w.Field }).ToList());
}
