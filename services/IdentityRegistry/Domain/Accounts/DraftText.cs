namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>The small text clean-ups Normalize applies field by field.</summary>
internal static class DraftText
{
    /// <summary>Trimmed, or null when blank: "absent" has one representation for the rules.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? Lower(string? value) => Clean(value)?.ToLowerInvariant();

    public static string? Upper(string? value) => Clean(value)?.ToUpperInvariant();

    public static bool IsFilled(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>The file's "a@x.fr;b@x.fr" column may arrive as one entry: split, clean, lower, de-duplicate.</summary>
    public static IReadOnlyList<string> AddressList(IEnumerable<string?> entries) => entries
        .SelectMany(e => (e ?? "").Split(';'))
        .Select(Lower)
        .OfType<string>()
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
