using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Mailbox.Messages;

/// <summary>A file as the sender gave it; the bytes are not copied (a view on the request's buffer).</summary>
public sealed record OutgoingAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// What a sender asks to send, from the API or from SMTP submission. <see cref="Validate"/> checks its shape and
/// limits before anything is read or stored, and names every bad field by its JSON path.
/// </summary>
public sealed record OutgoingMessage(
    string Address, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Body,
    IReadOnlyList<OutgoingAttachment> Attachments, string RequestId)
{
    public const int MaxRequestIdLength = 300;
    private const int MaxViolations = 50;

    public IEnumerable<(string Field, string Address)> Recipients =>
        To.Select((a, i) => ($"to[{i}]", Addresses.Normalize(a)))
            .Concat(Cc.Select((a, i) => ($"cc[{i}]", Addresses.Normalize(a))));

    public long TotalAttachmentBytes => Attachments.Sum(a => (long)a.Content.Length);

    public void Validate(MessageLimits limits)
    {
        var violations = new List<FieldViolation>();
        if (Addresses.Normalize(Address).Length == 0)
            violations.Add(new("address", "L'adresse de la boîte d'envoi est obligatoire."));
        if (To.Count + Cc.Count == 0)
            violations.Add(new("to", "Indiquez au moins un destinataire."));
        if (To.Count + Cc.Count > limits.MaxRecipients)
            violations.Add(new("to", $"Au plus {limits.MaxRecipients} destinataires par message (to et cc ensemble)."));
        else
        {
            foreach (var (field, address) in Recipients)
            {
                if (!LooksLikeAddress(address))
                    violations.Add(new(field, $"« {Shorten(address)} » n'est pas une adresse de messagerie."));
            }
        }
        if (Subject.Length > limits.MaxSubjectChars)
            violations.Add(new("subject", $"L'objet dépasse {limits.MaxSubjectChars} caractères."));
        if (Subject.Any(char.IsControl))
            violations.Add(new("subject", "L'objet ne peut pas contenir de caractère de contrôle (retour à la ligne compris)."));
        if (Body.Length > limits.MaxBodyChars)
            violations.Add(new("body", $"Le corps du message dépasse {limits.MaxBodyChars} caractères."));
        if (RequestId.Length > MaxRequestIdLength)
            violations.Add(new("requestId", $"L'identifiant de requête dépasse {MaxRequestIdLength} caractères."));
        ValidateAttachments(limits, violations);
        if (violations.Count > 0)
            throw new ValidationFailedException(violations.Take(MaxViolations).ToList());
    }

    private void ValidateAttachments(MessageLimits limits, List<FieldViolation> violations)
    {
        if (Attachments.Count > limits.MaxAttachments)
        {
            violations.Add(new("attachments", $"Au plus {limits.MaxAttachments} pièces jointes par message ({Attachments.Count} envoyées)."));
            return;
        }
        if (TotalAttachmentBytes > limits.MaxAttachmentBytes)
            violations.Add(new("attachments",
                $"Les pièces jointes dépassent {limits.MaxAttachmentBytes / (1024 * 1024)} Mo au total ({TotalAttachmentBytes} octets envoyés)."));
        for (var i = 0; i < Attachments.Count; i++)
        {
            var attachment = Attachments[i];
            var name = attachment.FileName.Trim();
            if (name.Length == 0)
                violations.Add(new($"attachments[{i}].fileName", "Le nom du fichier est obligatoire."));
            else if (name.Length > 255 || name.IndexOfAny(['/', '\\']) >= 0 || name.Any(char.IsControl))
                violations.Add(new($"attachments[{i}].fileName", "Nom de fichier invalide : 255 caractères au plus, sans chemin ni caractère de contrôle."));
            if (attachment.Content.Length == 0)
                violations.Add(new($"attachments[{i}].content", "Le fichier est vide."));
            else if (ContentTypes.Check(attachment.ContentType, attachment.Content) is { } problem)
                violations.Add(new($"attachments[{i}].contentType", problem));
        }
    }

    private static bool LooksLikeAddress(string address)
    {
        var at = address.IndexOf('@');
        return address.Length is > 2 and <= 320 && at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"');
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
