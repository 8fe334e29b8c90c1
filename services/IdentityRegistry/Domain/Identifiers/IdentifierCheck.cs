namespace Medimail.IdentityRegistry.Domain.Identifiers;

/// <summary>Outcome of one format check; the message is a French sentence naming the field.</summary>
public readonly record struct IdentifierCheck(CheckSeverity Severity, string? Message)
{
    public static IdentifierCheck Ok => new(CheckSeverity.Ok, null);

    public static IdentifierCheck Invalid(string message) => new(CheckSeverity.Error, message);

    public static IdentifierCheck Doubtful(string message) => new(CheckSeverity.Warning, message);

    public bool IsOk => Severity == CheckSeverity.Ok;

    public bool IsError => Severity == CheckSeverity.Error;
}
