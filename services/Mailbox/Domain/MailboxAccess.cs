using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Domain;

public static class MailboxAccess
{
    /// <summary>Operators, the admins of the box's structure, and the people of the box (itself or a connection account).</summary>
    public static bool CanView(Caller caller, MailboxProjection box) =>
        caller.IsOperator
        || (caller.IsStructureAdmin && caller.StructureIds.Contains(box.StructureId))
        || (PersonAddress(caller) is { } email && box.IsReachableBy(email));

    /// <summary>
    /// The same answer for a box that does not exist and one the caller may not see, so nobody can probe addresses.
    /// </summary>
    public static NotFoundException NotFound(string address) =>
        new($"La boîte {address} n'existe pas ou ne vous est pas accessible.");

    /// <summary>The signed-in person's own address; the "me" calls make no sense for anyone else.</summary>
    public static string RequirePerson(Caller caller) =>
        PersonAddress(caller)
        ?? throw new PermissionDeniedException("Seule une personne connectée avec son compte nominatif peut gérer ses boîtes.");

    private static string? PersonAddress(Caller caller) =>
        caller.IsPerson && !string.IsNullOrWhiteSpace(caller.Email) ? Addresses.Normalize(caller.Email) : null;
}
