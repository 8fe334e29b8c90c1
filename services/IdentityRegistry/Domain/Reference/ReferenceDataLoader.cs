using System.Reflection;
using System.Text.Json;

namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>Reads the JSON lists embedded from Domain/Reference/Data.</summary>
internal static class ReferenceDataLoader
{
    // The manifest name the service project gives Domain/Reference/Data/x.json (RootNamespace + folders).
    private const string ResourcePrefix = "Medimail.IdentityRegistry.Domain.Reference.Data.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReferenceData LoadEmbedded()
    {
        var assembly = typeof(ReferenceDataLoader).Assembly;
        return Load(file => Open(assembly, file));
    }

    public static ReferenceData Load(Func<string, Stream> open)
    {
        var regions = new ReferenceList<Region>(ReferenceListNames.Regions,
            Read<EntryDto>(open, "regions.json").Select(d => new Region(d.Code, d.Label, d.Aliases ?? [])));
        var departments = new ReferenceList<Department>(ReferenceListNames.Departments,
            Read<DepartmentDto>(open, "departments.json").Select(d => new Department(d.Code, d.Label, d.RegionCode, d.Aliases ?? [])));
        var unknownRegion = departments.All.FirstOrDefault(d => regions.FindByCode(d.RegionCode) is null);
        if (unknownRegion is not null)
            throw new InvalidDataException($"Department '{unknownRegion.Code}' names unknown region '{unknownRegion.RegionCode}'.");

        return new ReferenceData(
            new ReferenceList<Profession>(ReferenceListNames.Professions, Read<ProfessionDto>(open, "professions.json").Select(ToProfession)),
            new ReferenceList<Specialty>(ReferenceListNames.Specialties,
                Read<EntryDto>(open, "specialties.json").Select(d => new Specialty(d.Code, d.Label, d.Aliases ?? []))),
            departments,
            regions,
            new ReferenceList<ExerciseTitle>(ReferenceListNames.ExerciseTitles,
                Read<EntryDto>(open, "exercise-titles.json").Select(d => new ExerciseTitle(d.Code, d.Label, d.Aliases ?? []))));
    }

    private static Profession ToProfession(ProfessionDto dto) => new(
        dto.Code,
        dto.Label,
        dto.Register switch
        {
            "RPPS" => Register.Rpps,
            "ADELI" => Register.Adeli,
            "NONE" => Register.None,
            _ => throw new InvalidDataException($"Profession '{dto.Code}': register '{dto.Register}' is not RPPS, ADELI or NONE."),
        },
        dto.SocialCare,
        dto.RequiresExerciseTitleForInt,
        dto.Aliases ?? []);

    private static Stream Open(Assembly assembly, string file) =>
        assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException(
            $"Embedded resource '{ResourcePrefix + file}' is missing: the project needs <EmbeddedResource Include=\"Domain/Reference/Data/*.json\" />.");

    private static List<T> Read<T>(Func<string, Stream> open, string file)
    {
        using var stream = open(file);
        return JsonSerializer.Deserialize<List<T>>(stream, Json)
            ?? throw new InvalidDataException($"Reference file '{file}' is empty.");
    }

    private sealed record EntryDto(string Code, string Label, List<string>? Aliases);

    private sealed record DepartmentDto(string Code, string Label, string RegionCode, List<string>? Aliases);

    private sealed record ProfessionDto(
        string Code, string Label, string Register, bool SocialCare, bool RequiresExerciseTitleForInt, List<string>? Aliases);
}
