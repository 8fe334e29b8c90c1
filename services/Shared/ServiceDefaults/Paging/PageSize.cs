using Medimail.ServiceDefaults.Errors;

namespace Medimail.ServiceDefaults.Paging;

/// <summary>
/// The one page-size rule of every list of the API (docs/api.md, "Conventions", lists): <c>pageSize</c> absent or 0 means 50, at
/// most 500; anything else is refused on <c>pageSize</c>, never lowered silently, so a client learns the limit.
/// </summary>
public static class PageSize
{
    public const int Default = 50;
    public const int Max = 500;
    public const string Field = "pageSize";

    public static readonly string Rule =
        $"La taille de page (pageSize) doit être comprise entre 1 et {Max} ; sans valeur, elle vaut {Default}.";

    /// <summary>The violation of <paramref name="requested"/>, for a validator that reports every field at once.</summary>
    public static FieldViolation? Check(int requested) => requested is < 0 or > Max ? new FieldViolation(Field, Rule) : null;

    /// <summary>The page size to use; throws the field violation when <paramref name="requested"/> is out of range.</summary>
    public static int Resolve(int requested) =>
        Check(requested) is { } violation ? throw new ValidationFailedException([violation])
        : requested == 0 ? Default
        : requested;
}
