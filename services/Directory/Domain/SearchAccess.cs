using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Domain;

/// <summary>Who may read which directory (docs/api.md: person, admin, connector; operators see everything).</summary>
public static class SearchAccess
{
    /// <summary>The claim naming the mailbox type of a signed-in person; Identity-Registry puts it in person tokens.</summary>
    public const string MailboxTypeClaim = "mailbox_type";

    /// <summary>
    /// A MED account may search the regional directory only (docs/domain.md, "Directories"): MED boxes are outside the MSSanté
    /// trust space, so their holders do not read the national directory either.
    /// </summary>
    public static void EnsureMayRead(Caller caller, string? mailboxType, DirectoryKind directory)
    {
        if (!(caller.IsOperator || caller.IsStructureAdmin || caller.IsConnector || caller.IsPerson))
            throw new PermissionDeniedException("Votre compte n'a pas accès aux annuaires.");
        if (directory == DirectoryKind.National && caller.IsPerson && mailboxType == MailboxTypes.Medimail)
            throw new PermissionDeniedException("Un compte de type MED ne peut consulter que l'annuaire régional.");
    }
}
