using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Medimail.Identity.V1;

namespace Medimail.Gateway.Pages;

/// <summary>
/// The enrolment pages, rendered here as plain HTML (no script) in the shared <see cref="PageFrame"/>: French, labelled fields, each error announced and
/// tied to its field with <c>aria-describedby</c>. Every value from outside goes through the HTML encoder.
/// </summary>
internal static class EnrolmentHtml
{
    // Accented letters stay as they are (the page is UTF-8); markup characters are still escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Form(Enrolment enrolment, string formAction, string antiforgeryField, string antiforgeryToken, EnrolmentForm form)
    {
        var a = enrolment.Account;
        var body = new StringBuilder();
        body.Append("<h1>Finaliser votre inscription</h1>");
        if (form.Errors.Count > 0)
        {
            body.Append("<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"resume-erreurs\"><h2>Le formulaire contient des erreurs</h2><ul>");
            foreach (var (field, message) in form.Errors)
                body.Append($"<li><a href=\"#{E(field)}\">{E(message)}</a></li>");
            body.Append("</ul></div>");
        }
        body.Append("<p>Vérifiez vos informations, choisissez votre mot de passe et acceptez les conditions générales d'utilisation pour activer votre compte.</p>");
        body.Append("<section aria-labelledby=\"titre-infos\"><h2 id=\"titre-infos\">Vos informations</h2><dl>");
        Row(body, "Adresse de messagerie", a.Email);
        Row(body, "Nom", a.LastName);
        Row(body, "Prénom", a.FirstName);
        Row(body, "Structure", enrolment.StructureName);
        Row(body, "Type de compte", TypeLabel(a.Type));
        Row(body, "RPPS", a.Rpps);
        Row(body, "ADELI", a.Adeli);
        Row(body, "Raison sociale", a.LegalName);
        if (a.Address is { } address)
            Row(body, "Adresse postale", string.Join(", ", new[] { address.Line1, address.Line2, $"{address.PostalCode} {address.City}".Trim() }.Where(s => !string.IsNullOrWhiteSpace(s))));
        Row(body, "Téléphone", a.Phone1);
        body.Append("</dl><p>Une information est inexacte ? Signalez-le à l'administrateur de votre structure ; vous pouvez tout de même activer votre compte.</p></section>");

        body.Append($"<form method=\"post\" action=\"{E(formAction)}\" novalidate>");
        body.Append($"<input type=\"hidden\" name=\"{E(antiforgeryField)}\" value=\"{E(antiforgeryToken)}\">");
        body.Append("<section aria-labelledby=\"titre-mdp\"><h2 id=\"titre-mdp\">Votre mot de passe</h2>");
        body.Append("<p id=\"regles-mdp\">Votre mot de passe doit respecter ces règles :</p><ul aria-labelledby=\"regles-mdp\" id=\"regles\">");
        // Identity-Registry's own words for the rules it checks (GetEnrolment's password_rules).
        foreach (var rule in enrolment.PasswordRules?.Descriptions ?? [])
            body.Append($"<li>{E(rule)}</li>");
        body.Append("</ul>");
        Field(body, "password", "Mot de passe", "password", "new-password", form);
        Field(body, "passwordConfirmation", "Confirmez le mot de passe", "password", "new-password", form);
        body.Append("</section>");

        body.Append("<section aria-labelledby=\"titre-cgu\"><h2 id=\"titre-cgu\">Conditions générales d'utilisation</h2>");
        body.Append($"<p>Version en vigueur : {E(enrolment.TermsVersion)}.</p>");
        var termsError = form.ErrorOf("acceptTerms");
        var describedBy = termsError is null ? "" : " aria-describedby=\"acceptTerms-erreur\" aria-invalid=\"true\"";
        body.Append("<div class=\"champ\">");
        if (termsError is not null)
            body.Append($"<p class=\"erreur\" id=\"acceptTerms-erreur\">{E(termsError)}</p>");
        body.Append($"<input type=\"checkbox\" id=\"acceptTerms\" name=\"acceptTerms\" value=\"{E(enrolment.TermsVersion)}\" required{describedBy}{(form.TermsAccepted ? " checked" : "")}>");
        body.Append($" <label for=\"acceptTerms\">J'ai lu et j'accepte les conditions générales d'utilisation de Medimail (version {E(enrolment.TermsVersion)}).</label>");
        body.Append("</div></section>");
        body.Append("<button type=\"submit\">Activer mon compte</button></form>");
        return Page(form.Errors.Count > 0 ? "Erreur – Finaliser votre inscription – Medimail" : "Finaliser votre inscription – Medimail", body.ToString());
    }

    public static string Success(Enrolment enrolment) => Page("Compte activé – Medimail",
        "<h1>Votre compte est activé</h1>" +
        $"<p role=\"status\">Le compte <strong>{E(enrolment.Account.Email)}</strong> est maintenant actif. " +
        "Vous pouvez vous connecter à votre messagerie avec votre adresse et le mot de passe que vous venez de choisir.</p>" +
        "<p>Ce lien d'inscription ne fonctionne plus : gardez votre mot de passe pour vous.</p>");

    public static string InvalidLink() => Page("Lien invalide ou expiré – Medimail",
        "<h1>Lien invalide ou expiré</h1>" +
        "<p>Ce lien d'inscription n'est plus valable : il a déjà servi, il a expiré, ou un lien plus récent l'a remplacé.</p>" +
        "<p>Demandez un nouveau lien à l'administrateur de votre structure.</p>");

    public static string Message(string title, string text) => Page($"{title} – Medimail", $"<h1>{E(title)}</h1><p>{E(text)}</p>");

    private static void Field(StringBuilder body, string name, string label, string type, string autocomplete, EnrolmentForm form)
    {
        var error = form.ErrorOf(name);
        var describedBy = error is null ? "regles" : $"{name}-erreur regles";
        body.Append("<div class=\"champ\">");
        body.Append($"<label for=\"{name}\">{E(label)}</label>");
        if (error is not null)
            body.Append($"<p class=\"erreur\" id=\"{name}-erreur\">{E(error)}</p>");
        body.Append($"<input type=\"{type}\" id=\"{name}\" name=\"{name}\" autocomplete=\"{autocomplete}\" required maxlength=\"512\" aria-describedby=\"{describedBy}\"{(error is null ? "" : " aria-invalid=\"true\"")}>");
        body.Append("</div>");
    }

    private static void Row(StringBuilder body, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            body.Append($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");
    }

    private static string TypeLabel(Account.Types.Type type) => type switch
    {
        Account.Types.Type.Per => "Personnelle (PER)",
        Account.Types.Type.Int => "Interne (INT)",
        Account.Types.Type.Med => "Medimail (MED)",
        Account.Types.Type.Org => "Organisationnelle (ORG)",
        Account.Types.Type.App => "Applicative (APP)",
        _ => "",
    };

    internal static string Page(string title, string main) => PageFrame.Render(title, main);

    internal static string E(string? value) => Html.Encode(value ?? "");
}

/// <summary>What the person typed back (never the passwords themselves) and the errors by field name.</summary>
internal sealed record EnrolmentForm(bool TermsAccepted, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static EnrolmentForm Empty { get; } = new(false, []);

    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;
}
