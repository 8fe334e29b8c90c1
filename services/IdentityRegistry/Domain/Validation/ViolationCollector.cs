namespace Medimail.IdentityRegistry.Domain.Validation;

/// <summary>
/// Collects every problem of a draft instead of stopping at the first: an import report lists
/// all the faulty columns of a row at once.
/// </summary>
internal sealed class ViolationCollector
{
    private readonly List<FieldViolation> _errors = [];
    private readonly List<FieldViolation> _warnings = [];

    public void Error(string field, string message) => _errors.Add(new FieldViolation(field, message));

    public void Warning(string field, string message) => _warnings.Add(new FieldViolation(field, message));

    public bool HasErrorOn(string field) => _errors.Exists(e => e.Field == field);

    public ValidationResult ToResult() => new(_errors.ToList(), _warnings.ToList());
}
