namespace Medimail.IdentityRegistry.Domain.Identifiers;

public enum CheckSeverity
{
    Ok,
    // Saved, but shown to the administrator: some published RPPS example numbers fail their check digit.
    Warning,
    Error,
}
