namespace Medimail.IdentityRegistry.Domain.Reference;

/// <summary>The {list} segment of GET /api/v1/reference/{list}.</summary>
public static class ReferenceListNames
{
    public const string Professions = "professions";
    public const string Specialties = "specialties";
    public const string Departments = "departments";
    public const string Regions = "regions";
    public const string ExerciseTitles = "exercise-titles";

    public static IReadOnlyList<string> All { get; } = [Professions, Specialties, Departments, Regions, ExerciseTitles];
}
