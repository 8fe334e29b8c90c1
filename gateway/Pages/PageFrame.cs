using System.Text;

namespace Medimail.Gateway.Pages;

/// <summary>
/// The one frame of every page the gateway renders (enrolment, /inscription, the admin console): a skip link, the
/// banner, an optional navigation, the main landmark and the one stylesheet, <c>/assets/medimail.css</c>. No inline
/// style or script, so the CSP can forbid both.
/// </summary>
internal static class PageFrame
{
    /// <param name="nav">Already-encoded navigation markup (the console's menu), or null.</param>
    /// <param name="bar">Already-encoded markup shown at the right of the banner (who is signed in), or null.</param>
    /// <param name="script">A script of /assets to load (deferred), or null: pages work without it.</param>
    public static string Render(string title, string main, string? nav = null, string? bar = null, string? script = null, bool wide = false)
    {
        var b = new StringBuilder(main.Length + 1024);
        b.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">");
        b.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        b.Append($"<title>{EnrolmentHtml.E(title)}</title><link rel=\"stylesheet\" href=\"/assets/medimail.css\">");
        if (script is not null) b.Append($"<script src=\"/assets/{EnrolmentHtml.E(script)}\" defer></script>");
        b.Append("</head><body>");
        b.Append("<a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>");
        b.Append("<header class=\"bandeau\"><p class=\"marque\">Medimail – messagerie sécurisée de santé</p>");
        if (bar is not null) b.Append($"<div class=\"session\">{bar}</div>");
        b.Append("</header>");
        b.Append(wide ? "<div class=\"cadre large\">" : "<div class=\"cadre\">");
        if (nav is not null) b.Append(nav);
        b.Append($"<main id=\"contenu\" tabindex=\"-1\">{main}</main></div>");
        b.Append("<footer class=\"pied\"><p>Medimail – service de messagerie sécurisée de santé</p></footer>");
        b.Append("</body></html>");
        return b.ToString();
    }
}
