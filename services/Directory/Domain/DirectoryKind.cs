using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Domain;

/// <summary>The two directories: the regional (Medimail) one and the national (MSSanté) one.</summary>
public enum DirectoryKind
{
    Regional,
    National,
}

public static class DirectoryKinds
{
    public const string Regional = "regional";
    public const string National = "national";

    /// <summary>Reads the <c>{directory}</c> path segment; anything but the two names is the client's mistake.</summary>
    public static DirectoryKind Parse(string? value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            Regional => DirectoryKind.Regional,
            National => DirectoryKind.National,
            _ => throw new ValidationFailedException("directory", Invalid),
        };

    public static string Name(DirectoryKind kind) => kind == DirectoryKind.Regional ? Regional : National;

    internal const string Invalid = "L'annuaire doit être « regional » ou « national ».";
}
