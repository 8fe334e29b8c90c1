using Medimail.Contracts;

namespace Medimail.Directory.Domain;

/// <summary>
/// One mailbox as the directories know it: the "Dir" fields of the account (docs/domain.md, the loadusers table), its type,
/// state and liste rouge flags, and what searches need precomputed (folded names, listed-in flags).
/// Identity-Registry owns the account; this row is a projection that only ever moves to a newer <see cref="Version"/>.
/// </summary>
public sealed class DirectoryEntry
{
    private DirectoryEntry() { }

    public string Email { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string State { get; private set; } = "";
    public string StructureId { get; private set; } = "";
    /// <summary>The account's version when this row was written; an older snapshot is ignored.</summary>
    public long Version { get; private set; }

    public string LastName { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string? Rpps { get; private set; }
    public string? Adeli { get; private set; }
    public string? LegalName { get; private set; }
    public string? ServiceUnit { get; private set; }
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }
    public string? DepartmentCode { get; private set; }
    public string? RegionCode { get; private set; }
    public string? Phone { get; private set; }
    public string? Profession { get; private set; }
    public string? Specialty { get; private set; }
    public bool IndependentPractice { get; private set; }
    public string? Description { get; private set; }
    public string? ExerciseTitle { get; private set; }
    public string? MssanteAddress { get; private set; }
    public string? StructureNationalId { get; private set; }
    public bool UnlistedRegional { get; private set; }
    public bool UnlistedNational { get; private set; }
    /// <summary>When Identity-Registry last changed the account.</summary>
    public DateTimeOffset AccountUpdatedAt { get; private set; }

    /// <summary>
    /// When the liste rouge flags were last set through SetVisibility; null while they still follow account events.
    /// From then on the Directory owns them: account events carry Identity-Registry's copy, which may lag behind.
    /// </summary>
    public DateTimeOffset? VisibilitySetAt { get; private set; }
    /// <summary>Counts SetVisibility changes: the order of VisibilityChanged events, and part of the entry's etag.</summary>
    public long VisibilityVersion { get; private set; }
    /// <summary>When this row was last written (by an event, SetVisibility or a rebuild): what a rebuild merges back.</summary>
    public DateTimeOffset ProjectedAt { get; private set; }

    // Derived on every write; never set from outside.
    public string LastNameKey { get; private set; } = "";
    public string FirstNameKey { get; private set; } = "";
    public string SearchWords { get; private set; } = " ";
    public string? CityKey { get; private set; }
    public bool ListedRegional { get; private set; }
    public bool ListedNational { get; private set; }

    /// <summary>The account's address, as the entry's key: addresses are lower case platform-wide.</summary>
    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();

    public static DirectoryEntry Create(AccountSnapshot account, DateTimeOffset? now = null)
    {
        var entry = new DirectoryEntry { Email = KeyOf(account.Email), Version = long.MinValue };
        entry.Apply(account, now);
        return entry;
    }

    /// <summary>
    /// Takes the snapshot if it is newer than what the row holds; returns false when it was out of date. The liste rouge
    /// flags come along only until SetVisibility has set them (<see cref="VisibilitySetAt"/>).
    /// </summary>
    public bool Apply(AccountSnapshot account, DateTimeOffset? now = null)
    {
        if (KeyOf(account.Email) != Email)
            throw new InvalidOperationException($"Snapshot of {account.Email} applied to the entry of {Email}.");
        if (account.Version <= Version)
            return false;

        Type = account.Type;
        State = account.State;
        StructureId = account.StructureId;
        Version = account.Version;
        LastName = account.LastName;
        FirstName = account.FirstName;
        Rpps = Blank(account.Rpps);
        Adeli = Blank(account.Adeli);
        LegalName = Blank(account.LegalName);
        ServiceUnit = Blank(account.ServiceUnit);
        AddressLine1 = Blank(account.Address.Line1);
        AddressLine2 = Blank(account.Address.Line2);
        PostalCode = Blank(account.Address.PostalCode);
        City = Blank(account.Address.City);
        DepartmentCode = Blank(account.Address.DepartmentCode)?.ToUpperInvariant();
        RegionCode = Blank(account.Address.RegionCode);
        Phone = Blank(account.Phone1);
        Profession = Blank(account.Profession);
        Specialty = Blank(account.Specialty);
        IndependentPractice = account.IndependentPractice;
        Description = Blank(account.Description);
        ExerciseTitle = Blank(account.ExerciseTitle);
        MssanteAddress = Blank(account.MssanteAddress)?.ToLowerInvariant();
        StructureNationalId = Blank(account.StructureNationalId);
        if (VisibilitySetAt is null)
        {
            UnlistedRegional = account.UnlistedRegional;
            UnlistedNational = account.UnlistedNational;
        }
        AccountUpdatedAt = account.UpdatedAt;
        ProjectedAt = now ?? DateTimeOffset.UtcNow;

        LastNameKey = SearchText.Key(LastName);
        FirstNameKey = SearchText.Key(FirstName);
        SearchWords = SearchText.SearchWords(LastName, FirstName);
        CityKey = City is null ? null : SearchText.Key(City);
        Relist();
        return true;
    }

    /// <summary>
    /// Liste rouge through SetVisibility: a missing flag keeps its value. Returns false when nothing changed (no new
    /// version, no event). From now on account events no longer move the flags.
    /// </summary>
    public bool SetVisibility(bool? unlistedRegional, bool? unlistedNational, DateTimeOffset now)
    {
        var regional = unlistedRegional ?? UnlistedRegional;
        var national = unlistedNational ?? UnlistedNational;
        if (VisibilitySetAt is not null && regional == UnlistedRegional && national == UnlistedNational)
            return false;
        UnlistedRegional = regional;
        UnlistedNational = national;
        VisibilitySetAt = now;
        VisibilityVersion++;
        ProjectedAt = now;
        Relist();
        return true;
    }

    /// <summary>
    /// A rebuild reads accounts from Identity-Registry, whose copy of the flags may lag behind SetVisibility: the flags
    /// this Directory owns, and the fields the account feed does not carry, come from the entry being replaced.
    /// </summary>
    public void KeepWhatTheFeedLacks(DirectoryEntry previous)
    {
        StructureNationalId ??= previous.StructureNationalId;
        if (previous.VisibilitySetAt is null)
            return;
        UnlistedRegional = previous.UnlistedRegional;
        UnlistedNational = previous.UnlistedNational;
        VisibilitySetAt = previous.VisibilitySetAt;
        VisibilityVersion = previous.VisibilityVersion;
        Relist();
    }

    private void Relist()
    {
        ListedRegional = VisibilityRules.IsListedRegional(Type, State, UnlistedRegional);
        ListedNational = VisibilityRules.IsListedNational(Type, State, UnlistedNational, MssanteAddress);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
