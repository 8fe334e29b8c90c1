namespace Medimail.Directory.Domain;

/// <summary>
/// Who appears in which directory (docs/domain.md, "Directories"). Evaluated when an event is
/// projected and stored as <c>listed_regional</c> / <c>listed_national</c>, so searches filter on one indexed boolean
/// and this file stays the only place the rules are written.
/// </summary>
public static class VisibilityRules
{
    /// <summary>Regional: every ACTIVE box its owner did not put on the regional liste rouge.</summary>
    public static bool IsListedRegional(string type, string state, bool unlistedRegional) =>
        state == AccountStates.Active && !unlistedRegional && MailboxTypes.All.Contains(type);

    /// <summary>
    /// National: ACTIVE, not on the national liste rouge, and of a type MSSanté publishes. MED boxes are never published;
    /// an APP box is reachable nationally only through its MSSanté correspondence, so without one it is not listed.
    /// </summary>
    public static bool IsListedNational(string type, string state, bool unlistedNational, string? mssanteAddress) =>
        state == AccountStates.Active && !unlistedNational && type switch
        {
            MailboxTypes.Personal or MailboxTypes.Intern or MailboxTypes.Organisational => true,
            MailboxTypes.Applicative => !string.IsNullOrWhiteSpace(mssanteAddress),
            _ => false,
        };

    public static bool IsListed(DirectoryKind directory, DirectoryEntry entry) =>
        directory == DirectoryKind.Regional ? entry.ListedRegional : entry.ListedNational;

    /// <summary>The type a directory shows: MSSanté has no intern type, Medimail's INT publishes as PER.</summary>
    public static string PublishedType(DirectoryKind directory, string type) =>
        directory == DirectoryKind.National && type == MailboxTypes.Intern ? MailboxTypes.Personal : type;

    /// <summary>
    /// The stored types a <c>type</c> filter selects. In the national directory the filter applies to the published
    /// type: PER also selects interns, and INT or MED select nothing because nothing is published under them.
    /// </summary>
    public static IReadOnlyList<string> StoredTypesFor(DirectoryKind directory, string publishedType) =>
        (directory, publishedType) switch
        {
            (DirectoryKind.National, MailboxTypes.Personal) => [MailboxTypes.Personal, MailboxTypes.Intern],
            (DirectoryKind.National, MailboxTypes.Intern or MailboxTypes.Medimail) => [],
            _ => [publishedType],
        };
}
