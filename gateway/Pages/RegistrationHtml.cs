using System.Text;
using Medimail.Identity.V1;
using static Medimail.Gateway.Pages.EnrolmentHtml;

namespace Medimail.Gateway.Pages;

/// <summary>
/// /inscription (seed 002) as plain HTML, no script: the shared box, its accountable professional, its location and
/// liste rouge, then one existing account to attach (address and password) and one new account to create.
/// </summary>
internal static class RegistrationHtml
{
    public static string Form(string action, string antiforgeryField, string antiforgeryToken, RegistrationForm form, IReadOnlyList<ReferenceItem> professions)
    {
        var b = new StringBuilder();
        b.Append("<h1>Inscription d'une BAL partagée</h1>");
        if (form.Errors.Count > 0)
        {
            b.Append("<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"resume-erreurs\"><h2>Le formulaire contient des erreurs</h2><ul>");
            foreach (var (field, message) in form.Errors)
                b.Append($"<li><a href=\"#{E(field)}\">{E(message)}</a></li>");
            b.Append("</ul></div>");
        }
        b.Append("<p>Nous sommes une équipe de professionnels, un service, un cabinet de professionnels de santé ou une pharmacie : nous souhaitons créer un compte Medimail partagé, qui peut être utilisé par un secrétariat. ");
        b.Append("Le centre de services vérifie et valide l'inscription (48 à 72 heures) ; vous serez prévenus par courriel.</p>");
        b.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>");
        b.Append($"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryToken)}\">");
        b.Append($"<input type=\"hidden\" name=\"requestId\" value=\"{E(form.Value("requestId"))}\">");

        Section(b, "La BAL partagée");
        Input(b, form, "boxEmail", "Adresse mail générique utilisée par toute l'équipe", "email", "ex. pharmacieducentre@outlook.fr");
        Input(b, form, "boxLastName", "Nom affiché dans l'annuaire", "text", "ex. Pharmacie");
        Input(b, form, "boxFirstName", "Prénom affiché dans l'annuaire", "text", "ex. Du Centre");
        Input(b, form, "legalName", "Raison sociale", "text", null);
        Select(b, form, "identifierType", "Type d'identifiant établissement", [("FINESS", "FINESS (obligatoire s'il existe)"), ("SIRET", "SIRET"), ("SIREN", "SIREN")]);
        Input(b, form, "identifier", "Identifiant établissement", "text", null);
        Input(b, form, "description", "Description (usage de la BAL, visible des destinataires)", "text", null);
        b.Append("</section>");

        Section(b, "Le professionnel responsable");
        b.Append("<p>Médecin, chirurgien-dentiste, pharmacien, sage-femme, masseur-kinésithérapeute ou pédicure-podologue : numéro RPPS. Autres professions de santé : numéro ADELI.</p>");
        Input(b, form, "respLastName", "Nom", "text", null);
        Input(b, form, "respFirstName", "Prénom", "text", null);
        Select(b, form, "respProfession", "Profession", professions.Where(p => p.Register is "RPPS" or "ADELI").Select(p => (p.Code, p.Label)).Prepend(("", "— choisir —")).ToList());
        Input(b, form, "respIdentifier", "Identifiant RPPS ou ADELI", "text", null);
        b.Append("</section>");

        Section(b, "Localisation et annuaires");
        Input(b, form, "line1", "Adresse", "text", null);
        Input(b, form, "postalCode", "Code postal", "text", null);
        Input(b, form, "city", "Ville", "text", null);
        Input(b, form, "departmentCode", "Département (numéro)", "text", "ex. 31");
        Input(b, form, "phone", "Téléphone", "tel", null);
        Check(b, form, "unlistedRegional", "Je souhaite que la BAL soit sur liste rouge de l'annuaire Medimail");
        Check(b, form, "unlistedNational", "Je souhaite que la BAL soit sur liste rouge de l'annuaire national MSSanté");
        b.Append("</section>");

        Section(b, "Je veux associer un compte nominatif existant");
        Input(b, form, "existingEmail", "Adresse du compte Medimail existant", "email", null);
        Input(b, form, "existingPassword", "Mot de passe de ce compte", "password", null);
        b.Append("</section>");

        Section(b, "Je veux créer un nouveau compte nominatif");
        Select(b, form, "newType", "Type de compte", [("PER", "Professionnel de santé (RPPS ou ADELI)"), ("MED", "Sans identifiant national (secrétariat…)")]);
        Input(b, form, "newEmail", "Adresse mail personnelle", "email", null);
        Input(b, form, "newLastName", "Nom", "text", null);
        Input(b, form, "newFirstName", "Prénom", "text", null);
        Select(b, form, "newProfession", "Profession", professions.Select(p => (p.Code, p.Label)).Prepend(("", "— choisir —")).ToList());
        Input(b, form, "newRpps", "RPPS ou ADELI (professionnel de santé)", "text", null);
        Input(b, form, "newPassword", "Mot de passe (12 caractères au moins)", "password", null);
        b.Append("</section>");

        b.Append("<button type=\"submit\">Terminer</button></form>");
        return Page(form.Errors.Count > 0 ? "Erreur – Inscription d'une BAL partagée – Medimail" : "Inscription d'une BAL partagée – Medimail", b.ToString());
    }

    public static string Success(Registration registration) => Page("Inscription enregistrée – Medimail",
        "<h1>Inscription enregistrée</h1>" +
        $"<p role=\"status\">L'inscription de la BAL partagée <strong>{E(registration.Box.Email)}</strong> est enregistrée. " +
        "Le centre de services e-santé la vérifie et la valide sous 48 à 72 heures ; chaque personne inscrite sera prévenue par courriel.</p>");

    private static void Section(StringBuilder b, string title) => b.Append($"<section><h2>{E(title)}</h2>");

    private static void Input(StringBuilder b, RegistrationForm form, string name, string label, string type, string? hint)
    {
        var error = form.ErrorOf(name);
        b.Append("<div class=\"champ\">");
        b.Append($"<label for=\"{name}\">{E(label)}</label>");
        if (hint is not null) b.Append($"<p class=\"aide\" id=\"{name}-aide\">{E(hint)}</p>");
        if (error is not null) b.Append($"<p class=\"erreur\" id=\"{name}-erreur\">{E(error)}</p>");
        var value = type == "password" ? "" : $" value=\"{E(form.Value(name))}\"";
        var describedBy = error is not null ? $" aria-describedby=\"{name}-erreur\" aria-invalid=\"true\"" : hint is not null ? $" aria-describedby=\"{name}-aide\"" : "";
        b.Append($"<input type=\"{type}\" id=\"{name}\" name=\"{name}\" maxlength=\"254\"{value}{describedBy}{(type == "password" ? " autocomplete=\"off\"" : "")}>");
        b.Append("</div>");
    }

    private static void Select(StringBuilder b, RegistrationForm form, string name, string label, IReadOnlyList<(string Value, string Label)> options)
    {
        var error = form.ErrorOf(name);
        b.Append($"<div class=\"champ\"><label for=\"{name}\">{E(label)}</label>");
        if (error is not null) b.Append($"<p class=\"erreur\" id=\"{name}-erreur\">{E(error)}</p>");
        b.Append($"<select id=\"{name}\" name=\"{name}\"{(error is null ? "" : $" aria-describedby=\"{name}-erreur\" aria-invalid=\"true\"")}>");
        foreach (var (value, text) in options)
            b.Append($"<option value=\"{E(value)}\"{(form.Value(name) == value ? " selected" : "")}>{E(text)}</option>");
        b.Append("</select></div>");
    }

    private static void Check(StringBuilder b, RegistrationForm form, string name, string label) =>
        b.Append($"<div class=\"champ\"><input type=\"checkbox\" id=\"{name}\" name=\"{name}\" value=\"on\"{(form.Values.ContainsKey(name) ? " checked" : "")}> <label for=\"{name}\">{E(label)}</label></div>");
}
