using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Domain;

/// <summary>
/// Who may put a box on or off the liste rouge (docs/api.md, Directory): operators, the administrators of the box's
/// structure, and a signed-in person for their own box. Connectors do not: imports set the first values through
/// Identity-Registry, and the choice afterwards belongs to people.
/// </summary>
public static class VisibilityAccess
{
    /// <summary>Before the lookup: a caller who could change no box at all learns nothing about addresses.</summary>
    public static void EnsureMayChangeAny(Caller caller)
    {
        if (!(caller.IsOperator || caller.IsStructureAdmin || caller.IsPerson))
            throw new PermissionDeniedException("Votre compte ne peut pas modifier la visibilité d'une boîte.");
    }

    public static bool MayChange(Caller caller, DirectoryEntry entry) =>
        caller.IsOperator
        || (caller.IsStructureAdmin && caller.StructureIds.Contains(entry.StructureId))
        || (caller.IsPerson && caller.Email is { } email && DirectoryEntry.KeyOf(email) == entry.Email);

    /// <summary>The address is required and at least one flag must be given.</summary>
    public static void Validate(string? email, bool? unlistedRegional, bool? unlistedNational)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(email))
            violations.Add(new FieldViolation("email", "L'adresse de la boîte est obligatoire."));
        if (unlistedRegional is null && unlistedNational is null)
            violations.Add(new FieldViolation("unlistedRegional",
                "Indiquez au moins unlistedRegional ou unlistedNational."));
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
    }
}
