using System.Security.Cryptography;
using System.Text;
using Medimail.ServiceDefaults.Errors;
using PageSizeRule = Medimail.ServiceDefaults.Paging.PageSize;

namespace Medimail.Directory.Domain;

/// <summary>A directory search, checked: every invalid parameter is reported at once, each under its JSON name.</summary>
public sealed record SearchCriteria(
    DirectoryKind Directory,
    SearchQuery Query,
    string? Profession,
    string? DepartmentCode,
    string? PostalCode,
    string? CityKey,
    IReadOnlyList<string>? StoredTypes,
    int PageSize,
    PageToken? After)
{
    public static SearchCriteria Create(
        string? directory, string? query, string? profession, string? departmentCode, string? postalCode, string? city,
        string? type, int pageSize, string? pageToken)
    {
        var violations = new List<FieldViolation>();
        T? Check<T>(Func<T> read)
        {
            try { return read(); }
            catch (ValidationFailedException ex) { violations.AddRange(ex.Violations); return default; }
        }

        var kind = Check(() => DirectoryKinds.Parse(directory));
        var parsedQuery = Check(() => SearchQuery.Parse(query));
        var wantedType = Blank(type)?.ToUpperInvariant();
        if (wantedType is not null && !MailboxTypes.All.Contains(wantedType))
            violations.Add(new FieldViolation("type", "Le type doit être PER, INT, ORG, MED ou APP."));
        var postal = Blank(postalCode);
        if (postal is not null && !(postal.Length == 5 && postal.All(char.IsAsciiDigit)))
            violations.Add(new FieldViolation("postalCode", "Le code postal compte cinq chiffres."));
        if (PageSizeRule.Check(pageSize) is { } pageSizeViolation)
            violations.Add(pageSizeViolation);
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);

        var criteria = new SearchCriteria(
            kind,
            parsedQuery!,
            Blank(profession),
            Blank(departmentCode)?.ToUpperInvariant(),
            postal,
            Blank(city) is { } c ? SearchText.Key(c) : null,
            wantedType is null ? null : VisibilityRules.StoredTypesFor(kind, wantedType),
            pageSize == 0 ? PageSizeRule.Default : pageSize,
            null);
        return Blank(pageToken) is { } token ? criteria with { After = PageToken.Decode(token, criteria.Fingerprint) } : criteria;
    }

    /// <summary>Identifies the search (not the page): a page token is only valid for the search that produced it.</summary>
    public string Fingerprint
    {
        get
        {
            var canonical = string.Join('\u001f', Directory, Query.Canonical, Profession, DepartmentCode, PostalCode, CityKey,
                StoredTypes is null ? "*" : string.Join(',', StoredTypes));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 8);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
