using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Domain;

/// <summary>What a person asks to change on one of its boxes; fields left out stay as they are.</summary>
public sealed record MySettingsChange(bool? IsDefault, bool? ReceptionNotice)
{
    public const string IsDefaultField = "isDefault";
    public const string ReceptionNoticeField = "receptionNotice";

    /// <param name="ownBox">The box is the person's own nominative box, not a shared one.</param>
    /// <param name="sharedDefaultExists">One of the person's shared boxes is currently the default.</param>
    public void EnsureValid(bool ownBox, bool sharedDefaultExists)
    {
        var violations = new List<FieldViolation>();
        if (IsDefault is null && ReceptionNotice is null)
        {
            violations.Add(new FieldViolation(IsDefaultField, "Aucune modification demandée : indiquez isDefault ou receptionNotice."));
        }
        if (ownBox && IsDefault == false && !sharedDefaultExists)
        {
            // Someone has to be opened first; the own box stops being the default only when a shared box becomes it.
            violations.Add(new FieldViolation(IsDefaultField,
                "Votre boîte personnelle reste la boîte par défaut tant qu'aucune boîte partagée ne l'est : choisissez plutôt une boîte partagée par défaut."));
        }
        if (ownBox && ReceptionNotice is not null)
        {
            violations.Add(new FieldViolation(ReceptionNoticeField,
                "La notification de réception vers le compte de connexion ne concerne que les boîtes partagées (ORG, APP)."));
        }
        if (violations.Count > 0)
            throw new ValidationFailedException(violations);
    }
}
