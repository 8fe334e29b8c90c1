using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Domain;

/// <summary>
/// What the <c>query</c> parameter asks for. An address (it has an @) or a national number (only digits) is matched
/// exactly; anything else is read as name words, each of which must start a word of the last or first name.
/// </summary>
public abstract record SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;

    private SearchQuery() { }

    /// <summary>One string per distinct query, for fingerprints (a record's ToString does not show list contents).</summary>
    public abstract string Canonical { get; }

    /// <summary>No query: every listed entry matches.</summary>
    public sealed record All : SearchQuery
    {
        public override string Canonical => "";
    }

    /// <summary>An exact mailbox address or MSSanté address, lower-cased.</summary>
    public sealed record Address(string Value) : SearchQuery
    {
        public override string Canonical => "@" + Value;
    }

    /// <summary>An exact RPPS or ADELI number.</summary>
    public sealed record Identifier(string Value) : SearchQuery
    {
        public override string Canonical => "#" + Value;
    }

    /// <summary>Folded words; <see cref="Key"/> is them joined, compared with the last name to rank results.</summary>
    public sealed record Name(IReadOnlyList<string> Terms) : SearchQuery
    {
        public string Key => string.Join(' ', Terms);
        public override string Canonical => "~" + Key;
    }

    public static SearchQuery Parse(string? raw)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
            return new All();
        if (text.Length > MaxLength)
            throw new ValidationFailedException("query", $"La recherche ne doit pas dépasser {MaxLength} caractères.");
        if (text.Contains('@'))
            return new Address(text.ToLowerInvariant());
        if (text.All(char.IsAsciiDigit))
            return new Identifier(text);

        var terms = SearchText.Words(text).Distinct().ToList();
        if (terms.Count == 0)
            throw new ValidationFailedException("query", "La recherche doit contenir au moins une lettre ou un chiffre.");
        if (terms.Count > MaxTerms)
            throw new ValidationFailedException("query", $"La recherche ne doit pas compter plus de {MaxTerms} mots.");
        return new Name(terms);
    }
}
