using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Messages;

/// <summary>
/// Who may use a box for messages: a person through its own box or a shared box it is a connection account of
/// (checked on every call against the projection, so a person removed from a box is refused at once); a connector
/// through the APP boxes of its structure. Administrators see traces, never messages.
/// </summary>
public static class MessageAccess
{
    public static bool CanUse(Caller caller, MailboxProjection box)
    {
        if (caller.IsPerson && !string.IsNullOrWhiteSpace(caller.Email))
            return box.IsReachableBy(Addresses.Normalize(caller.Email));
        return caller.IsConnector && box.Type == MailboxTypes.App && caller.StructureIds.Contains(box.StructureId);
    }

    /// <summary>The box may be used: it exists for this caller and is not disabled.</summary>
    public static MailboxProjection RequireUsable(Caller caller, MailboxProjection? box, string address)
    {
        if (box is not null && !CanUse(caller, box) && MailboxAccess.CanView(caller, box))
            throw new PermissionDeniedException("Les administrateurs voient la boîte et ses traces, jamais ses messages.");
        if (box is null || !CanUse(caller, box))
            throw MailboxAccess.NotFound(address);
        if (box.State == MailboxTypes.Disabled)
            throw new FailedPreconditionException($"La boîte {box.Address} est désactivée : elle ne peut être ni consultée ni utilisée.");
        return box;
    }

    /// <summary>Only ACTIVE boxes send.</summary>
    public static MailboxProjection RequireCanSend(Caller caller, MailboxProjection? box, string address)
    {
        RequireUsable(caller, box, address);
        if (box!.State != MailboxTypes.Active)
            throw new FailedPreconditionException($"La boîte {box.Address} n'est pas active (état {box.State}) : elle ne peut pas envoyer de message.");
        return box;
    }

    /// <summary>Why a recipient cannot receive, or null when it can.</summary>
    public static string? RefusalOf(string given, MailboxProjection? box)
    {
        if (box is null)
            return $"{given} n'est pas une boîte de la plateforme : l'envoi vers une messagerie extérieure n'est pas encore possible.";
        if (box.Type == MailboxTypes.App)
            return box.ReturnAddress is { Length: > 0 } returnAddress
                ? $"{box.Address} est une boîte applicative qui ne reçoit pas de message : écrivez à son adresse de retour {returnAddress}."
                : $"{box.Address} est une boîte applicative qui ne reçoit pas de message.";
        if (box.State != MailboxTypes.Active)
            return $"La boîte {box.Address} n'est pas active (état {box.State}) : elle ne peut pas recevoir de message.";
        return null;
    }

    public static string ActorKind(Caller caller) =>
        caller.IsPerson ? "PERSON" : caller.IsConnector ? "CONNECTOR" : caller.IsOperator ? "OPERATOR" : caller.IsStructureAdmin ? "ADMIN" : "UNKNOWN";
}
