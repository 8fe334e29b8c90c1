using System.Text;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry;

/// <summary>API.md list conventions: pageSize 50 by default, 500 at most; opaque keyset tokens that stay stable as rows are added.</summary>
internal static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static int Size(int requested) => requested switch
    {
        0 => DefaultSize,
        < 0 or > MaxSize => throw new ValidationFailedException("pageSize", $"pageSize doit être compris entre 1 et {MaxSize}."),
        _ => requested,
    };

    public static string Token(string lastKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    public static int Offset(string token) =>
        After(token) is not { } value ? 0
        : int.TryParse(value, out var offset) && offset >= 0 ? offset
        : throw new ValidationFailedException("pageToken", "pageToken invalide : reprenez la valeur nextPageToken de la réponse précédente.");

    public static string? After(string token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
        catch (FormatException) { throw new ValidationFailedException("pageToken", "pageToken invalide : reprenez la valeur nextPageToken de la réponse précédente."); }
    }
}
