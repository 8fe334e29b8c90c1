namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>
/// The fixed lists of the loadusers file (profession, speciality, department, region, exercise title).
/// Immutable once loaded: register one instance as a singleton.
/// </summary>
public sealed class ReferenceData
{
    private static readonly Lazy<ReferenceData> Embedded = new(ReferenceDataLoader.LoadEmbedded);

    public ReferenceData(
        ReferenceList<Profession> professions,
        ReferenceList<Specialty> specialties,
        ReferenceList<Department> departments,
        ReferenceList<Region> regions,
        ReferenceList<ExerciseTitle> exerciseTitles)
    {
        Professions = professions;
        Specialties = specialties;
        Departments = departments;
        Regions = regions;
        ExerciseTitles = exerciseTitles;
    }

    /// <summary>The lists embedded in this assembly; loaded and checked on first use.</summary>
    public static ReferenceData Default => Embedded.Value;

    public ReferenceList<Profession> Professions { get; }

    public ReferenceList<Specialty> Specialties { get; }

    public ReferenceList<Department> Departments { get; }

    public ReferenceList<Region> Regions { get; }

    public ReferenceList<ExerciseTitle> ExerciseTitles { get; }

    /// <summary>Loads lists from elsewhere than the assembly (a file name such as "professions.json" → its content).</summary>
    public static ReferenceData Load(Func<string, Stream> open) => ReferenceDataLoader.Load(open);

    /// <summary>For ReferenceService.List; false for an unknown list name (NOT_FOUND).</summary>
    public bool TryGetList(string name, out IReadOnlyList<ReferenceItem> items)
    {
        items = name switch
        {
            ReferenceListNames.Professions => Professions.All
                .Select(p => new ReferenceItem(p.Code, p.Label, Register: p.Register.ToString().ToUpperInvariant())).ToList(),
            ReferenceListNames.Specialties => Specialties.All.Select(s => new ReferenceItem(s.Code, s.Label)).ToList(),
            ReferenceListNames.Departments => Departments.All
                .Select(d => new ReferenceItem(d.Code, d.Label, RegionCode: d.RegionCode)).ToList(),
            ReferenceListNames.Regions => Regions.All.Select(r => new ReferenceItem(r.Code, r.Label)).ToList(),
            ReferenceListNames.ExerciseTitles => ExerciseTitles.All.Select(t => new ReferenceItem(t.Code, t.Label)).ToList(),
            _ => [],
        };
        return ReferenceListNames.All.Contains(name);
    }
}
