namespace Medimail.Mailbox.Domain;

public static class Addresses
{
    /// <summary>Addresses are lower case everywhere (the loadusers rule); tokens and events may still carry capitals.</summary>
    public static string Normalize(string? address) => (address ?? "").Trim().ToLowerInvariant();
}
