namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>
/// An account as submitted, by the API or by one row of a loadusers file: every input field of the
/// API's Account, as plain strings so that a bad value reaches the rules (and gets a French message)
/// instead of failing a parse. Output-only fields (state, mssanteAddress, times, etag, warnings) and
/// structureId are not rule inputs and are left to the caller.
/// </summary>
public sealed record AccountDraft
{
    /// <summary>The account identifier; lower-cased by Normalize.</summary>
    public string? Email { get; init; }

    /// <summary>"PER", "INT", "ORG", "MED" or "APP".</summary>
    public string? Type { get; init; }

    /// <summary>NOM; upper-cased by Normalize.</summary>
    public string? LastName { get; init; }

    public string? FirstName { get; init; }

    public string? Rpps { get; init; }

    public string? Adeli { get; init; }

    /// <summary>Raison sociale.</summary>
    public string? LegalName { get; init; }

    /// <summary>Service de rattachement: "@SIDEPE" or empty.</summary>
    public string? ServiceUnit { get; init; }

    public AddressDraft Address { get; init; } = new();

    public string? Phone1 { get; init; }

    public string? Phone2 { get; init; }

    public string? Profession { get; init; }

    public string? Specialty { get; init; }

    public string? Diploma { get; init; }

    /// <summary>Activité libérale OUI/NON; null when not given (it is mandatory for people and ORG).</summary>
    public bool? IndependentPractice { get; init; }

    /// <summary>"FINESS", "SIRET" or "SIREN".</summary>
    public string? StructureIdentifierType { get; init; }

    public string? StructureIdentifier { get; init; }

    /// <summary>APP only: where replies go.</summary>
    public string? ReturnAddress { get; init; }

    public ResponsibleDraft Responsible { get; init; } = new();

    /// <summary>Description fonctionnelle: the label recipients see (ORG, APP).</summary>
    public string? Description { get; init; }

    /// <summary>Civilité d'exercice code ("DR").</summary>
    public string? ExerciseTitle { get; init; }

    /// <summary>Part before "@" of the MSSanté address; the structure's domain is appended.</summary>
    public string? MssanteParticle { get; init; }

    public string? ApicryptParticle { get; init; }

    public string? ApicryptSpecialty { get; init; }

    /// <summary>"yyyy-MM-dd" (the file's "AA-MM-JJ" is turned into it by Normalize).</summary>
    public string? ExpiresOn { get; init; }

    /// <summary>Addresses of PER, INT or MED accounts (ORG, APP); an entry holding "a;b" is split by Normalize.</summary>
    public IReadOnlyList<string> ConnectionAccounts { get; init; } = [];

    /// <summary>Liste rouge of the regional directory; Normalize defaults it (true for APP only).</summary>
    public bool? UnlistedRegional { get; init; }

    /// <summary>Liste rouge of the national directory; Normalize defaults it (true for APP only).</summary>
    public bool? UnlistedNational { get; init; }
}
