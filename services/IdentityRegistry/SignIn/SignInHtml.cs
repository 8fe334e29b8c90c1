using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// The sign-in pages, plain HTML (no script, works without JavaScript), French, labelled fields, the error announced
/// (<c>role="alert"</c>) and tied to the fields. Every value from outside goes through the HTML encoder. The look is
/// the enrolment pages' (gateway/Pages/EnrolmentHtml.cs).
/// </summary>
internal static class SignInHtml
{
    public const string GenericFailure = "Adresse de messagerie ou mot de passe incorrect, ou compte qui ne peut pas se connecter ici.";
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <remarks>
    /// After a failure the address is not given back: the page is then the same, byte for byte apart from the
    /// antiforgery token, whatever was typed and whatever the reason.
    /// </remarks>
    public static string PasswordForm(string action, string returnUrl, string antiforgeryField, string antiforgeryToken, string? error)
    {
        var body = new StringBuilder("<h1>Connexion</h1>");
        Error(body, error, "email");
        body.Append("<p>Connectez-vous avec l'adresse de votre messagerie sécurisée et votre mot de passe.</p>");
        body.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>");
        Hidden(body, antiforgeryField, antiforgeryToken);
        Hidden(body, "returnUrl", returnUrl);
        var invalid = error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"resume-erreurs\"";
        body.Append("<div class=\"champ\"><label for=\"email\">Adresse de messagerie</label>");
        body.Append($"<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"username\" required maxlength=\"254\"{invalid}></div>");
        body.Append("<div class=\"champ\"><label for=\"password\">Mot de passe</label>");
        body.Append($"<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required maxlength=\"512\"{invalid}></div>");
        body.Append("<button type=\"submit\">Se connecter</button></form>");
        body.Append("<p>Mot de passe oublié ? Demandez un nouveau lien d'inscription à l'administrateur de votre structure.</p>");
        return Page(error is null ? "Connexion – Medimail" : "Erreur – Connexion – Medimail", body.ToString());
    }

    /// <summary>The second step when the account has a second factor: the pending proof of the password travels sealed.</summary>
    public static string CodeForm(string action, string returnUrl, string antiforgeryField, string antiforgeryToken, string pending, string? error)
    {
        var body = new StringBuilder("<h1>Code de vérification</h1>");
        Error(body, error, "totp");
        body.Append("<p id=\"aide-code\">Saisissez le code à 6 chiffres affiché par votre application d'authentification, ou l'un de vos codes de secours.</p>");
        body.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>");
        Hidden(body, antiforgeryField, antiforgeryToken);
        Hidden(body, "returnUrl", returnUrl);
        Hidden(body, "pending", pending);
        var invalid = error is null ? "" : " aria-invalid=\"true\"";
        body.Append("<div class=\"champ\"><label for=\"totp\">Code de vérification</label>");
        body.Append($"<input type=\"text\" id=\"totp\" name=\"totp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required maxlength=\"32\" aria-describedby=\"aide-code\"{invalid}></div>");
        body.Append("<button type=\"submit\">Valider</button></form>");
        return Page(error is null ? "Code de vérification – Medimail" : "Erreur – Code de vérification – Medimail", body.ToString());
    }

    /// <summary>Enrolment of a required second factor during the sign-in: the QR code (SVG inline: no request, no script), the secret, the first code.</summary>
    public static string EnrolForm(string action, string returnUrl, string antiforgeryField, string antiforgeryToken, string pending, TotpSetup enrolment, string? error)
    {
        var body = new StringBuilder("<h1>Activer la double authentification</h1>");
        Error(body, error, "totp");
        body.Append("<p>Votre type de compte exige un second facteur. Scannez ce code avec votre application d'authentification " +
            "(FreeOTP, Google Authenticator, Microsoft Authenticator…), puis saisissez le code à 6 chiffres qu'elle affiche.</p>");
        body.Append($"<figure role=\"img\" aria-label=\"Code QR de configuration\">{enrolment.QrSvg}</figure>");
        body.Append($"<p>Ou saisissez cette clé à la main : <code id=\"secret\">{E(enrolment.Secret)}</code></p>");
        body.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>");
        Hidden(body, antiforgeryField, antiforgeryToken);
        Hidden(body, "returnUrl", returnUrl);
        Hidden(body, "pending", pending);
        body.Append("<div class=\"champ\"><label for=\"totp\">Code de vérification</label>");
        body.Append($"<input type=\"text\" id=\"totp\" name=\"totp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required maxlength=\"32\"{(error is null ? "" : " aria-invalid=\"true\"")}></div>");
        body.Append("<button type=\"submit\">Activer</button></form>");
        return Page("Activer la double authentification – Medimail", body.ToString());
    }

    /// <summary>The ten recovery codes, shown once, then the way back to the application.</summary>
    public static string RecoveryCodes(IReadOnlyList<string> codes, string returnUrl)
    {
        var body = new StringBuilder("<h1>Double authentification activée</h1>");
        body.Append("<p role=\"status\">Notez ces codes de secours et gardez-les en lieu sûr : chacun remplace une fois le code de votre application, si vous la perdez. Ils ne seront plus affichés.</p><ul id=\"codes-secours\">");
        foreach (var code in codes)
            body.Append($"<li><code>{E(code)}</code></li>");
        body.Append($"</ul><p><a href=\"{E(returnUrl)}\">Continuer vers l'application</a></p>");
        return Page("Codes de secours – Medimail", body.ToString());
    }

    public static string Message(string title, string text) => Page($"{title} – Medimail", $"<h1>{E(title)}</h1><p>{E(text)}</p>");

    private static void Error(StringBuilder body, string? error, string field)
    {
        if (error is not null)
            body.Append($"<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"resume-erreurs\"><p><a href=\"#{field}\">{E(error)}</a></p></div>");
    }

    private static void Hidden(StringBuilder body, string name, string value) =>
        body.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");

    private static string Page(string title, string main) =>
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)}</title><style>{Style}</style></head>" +
        $"<body><header><p class=\"marque\">Medimail – messagerie sécurisée de santé</p></header><main>{main}</main></body></html>";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1e1e1e}" +
        ".marque{font-weight:bold;color:#000091}" +
        ".champ{margin:1rem 0}label{display:block;font-weight:bold}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}" +
        ".erreurs{border:2px solid #ce0500;padding:.5rem 1rem;margin-bottom:1rem;color:#ce0500;font-weight:bold}" +
        "button{font-size:1rem;padding:.6rem 1.2rem;background:#000091;color:#fff;border:0;cursor:pointer}" +
        ":focus{outline:3px solid #0a76f6;outline-offset:2px}";

    private static string E(string? value) => Html.Encode(value ?? "");
}
