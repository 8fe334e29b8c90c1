using Medimail.ServiceDefaults.Errors;

namespace Medimail.ServiceDefaults.Auth;

/// <summary>
/// Ids are parsed once, at the edge, into their one spelling (lower case, dashes, no braces): "ABC…", "abc…" without
/// dashes and "{abc…}" are the same structure, and a rule, a key or a lock compared on the raw text would take them
/// for three (three relaunches of one structure, three idempotency keys).
/// </summary>
public static class CanonicalId
{
    public static string Parse(string? value, string field, string what = "structure")
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ValidationFailedException(field, $"L'identifiant de la {what} est obligatoire.");
        return Guid.TryParse(value.Trim(), out var id)
            ? id.ToString("D")
            : throw new ValidationFailedException(field, $"Identifiant de {what} invalide (UUID attendu).");
    }

    /// <summary>The canonical spelling of an id, or the text unchanged when it is not one.</summary>
    public static string Normalize(string value) => Guid.TryParse(value, out var id) ? id.ToString("D") : value;
}
