using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Medimail.Gateway.Pages;

namespace Medimail.Gateway.Admin;

/// <summary>
/// What every console page shares: the frame with the menu and the signed-in person, labelled fields with their help
/// and their error (<c>aria-describedby</c>, <c>aria-invalid</c>), the error summary, dates in Paris time.
/// </summary>
internal static class AdminHtml
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string E(string? value) => EnrolmentHtml.E(value);

    public static string Page(AdminUser user, Antiforgery af, string current, string title, string main, string? script = null)
    {
        var nav = new StringBuilder("<nav class=\"menu\" aria-label=\"Menu de l'administration\"><ul>");
        Item(nav, current, "/admin/utilisateurs", "Gestion des utilisateurs Medimail");
        Item(nav, current, "/admin/structures", user.IsOperator ? "Structures" : "Mes structures");
        if (user.IsOperator) Item(nav, current, "/admin/inscriptions", "Inscriptions en attente");
        Item(nav, current, "/admin/annuaire", "Annuaire");
        Item(nav, current, "/admin/journal", "Journal");
        nav.Append("</ul></nav>");
        var bar = $"<span>{E(user.Name)} ({E(user.Email)}){(user.IsOperator ? " – opérateur" : "")}</span>" +
                  $"<form method=\"post\" action=\"/admin/deconnexion\">{af.Field}<button type=\"submit\" class=\"secondaire\">Se déconnecter</button></form>";
        return PageFrame.Render($"{title} – Administration Medimail", main, nav.ToString(), bar, script, wide: true);
    }

    private static void Item(StringBuilder nav, string current, string href, string label) =>
        nav.Append($"<li><a href=\"{href}\"{(current == href ? " aria-current=\"page\"" : "")}>{E(label)}</a></li>");

    public static string ErrorSummary(FormState form)
    {
        if (form.Errors.Count == 0) return "";
        var b = new StringBuilder("<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"resume-erreurs\"><h2>Le formulaire contient des erreurs</h2><ul>");
        foreach (var (field, message) in form.Errors)
            b.Append($"<li><a href=\"#{Id(field)}\">{E(message)}</a></li>");
        return b.Append("</ul></div>").ToString();
    }

    /// <summary>HTML ids cannot hold the dots and brackets of API paths comfortably: "address.city" is "address-city".</summary>
    public static string Id(string field) => field.Replace('.', '-').Replace('[', '-').Replace("]", "");

    public static string Input(FormState form, string name, string label, string type = "text", string? help = null, bool required = false)
    {
        var id = Id(name);
        var error = form.ErrorOf(name);
        var b = new StringBuilder("<div class=\"champ\">");
        b.Append($"<label for=\"{id}\">{E(label)}{(required ? " (obligatoire)" : "")}</label>");
        if (help is not null) b.Append($"<p class=\"aide\" id=\"{id}-aide\">{E(help)}</p>");
        if (error is not null) b.Append($"<p class=\"erreur\" id=\"{id}-erreur\">{E(error)}</p>");
        var attrs = Described(id, help is not null, error is not null);
        if (type == "textarea")
            b.Append($"<textarea id=\"{id}\" name=\"{E(name)}\" maxlength=\"4000\"{attrs}>{E(form.Value(name))}</textarea>");
        else
            b.Append($"<input type=\"{type}\" id=\"{id}\" name=\"{E(name)}\" maxlength=\"254\" value=\"{E(form.Value(name))}\"{attrs}>");
        return b.Append("</div>").ToString();
    }

    public static string Select(FormState form, string name, string label, IEnumerable<(string Value, string Label)> options, string? help = null, bool required = false)
    {
        var id = Id(name);
        var error = form.ErrorOf(name);
        var b = new StringBuilder($"<div class=\"champ\"><label for=\"{id}\">{E(label)}{(required ? " (obligatoire)" : "")}</label>");
        if (help is not null) b.Append($"<p class=\"aide\" id=\"{id}-aide\">{E(help)}</p>");
        if (error is not null) b.Append($"<p class=\"erreur\" id=\"{id}-erreur\">{E(error)}</p>");
        b.Append($"<select id=\"{id}\" name=\"{E(name)}\"{Described(id, help is not null, error is not null)}>");
        foreach (var (value, text) in options)
            b.Append($"<option value=\"{E(value)}\"{(form.Value(name) == value ? " selected" : "")}>{E(text)}</option>");
        return b.Append("</select></div>").ToString();
    }

    public static string Check(FormState form, string name, string label, string? help = null)
    {
        var id = Id(name);
        var error = form.ErrorOf(name);
        var b = new StringBuilder("<div class=\"champ\">");
        if (error is not null) b.Append($"<p class=\"erreur\" id=\"{id}-erreur\">{E(error)}</p>");
        b.Append($"<input type=\"checkbox\" id=\"{id}\" name=\"{E(name)}\" value=\"on\"{(form.Value(name) == "on" ? " checked" : "")}{Described(id, help is not null, error is not null)}> <label for=\"{id}\">{E(label)}</label>");
        if (help is not null) b.Append($"<p class=\"aide\" id=\"{id}-aide\">{E(help)}</p>");
        return b.Append("</div>").ToString();
    }

    private static string Described(string id, bool help, bool error)
    {
        var ids = string.Join(' ', new[] { error ? id + "-erreur" : null, help ? id + "-aide" : null }.Where(x => x is not null));
        return (ids.Length > 0 ? $" aria-describedby=\"{ids}\"" : "") + (error ? " aria-invalid=\"true\"" : "");
    }

    public static string Message(string cssClass, string text, string role = "status") =>
        $"<div class=\"{cssClass}\" role=\"{role}\"><p>{E(text)}</p></div>";

    /// <summary>"21/02/2023 à 14:23:00", Paris time, as the seeds show dates.</summary>
    public static string When(Timestamp? time) => time is null ? "" : When(time.ToDateTimeOffset());

    public static string When(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, Paris);
        return local.ToString("dd/MM/yyyy 'à' HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static string StateLabel(Medimail.Identity.V1.Account.Types.State state) => state switch
    {
        Medimail.Identity.V1.Account.Types.State.PreRegistered => "Pré-inscrit",
        Medimail.Identity.V1.Account.Types.State.PendingValidation => "En attente de validation",
        Medimail.Identity.V1.Account.Types.State.Active => "Valide",
        Medimail.Identity.V1.Account.Types.State.Disabled => "Désactivé",
        _ => "",
    };
}

/// <summary>The antiforgery hidden field of one response (every console form carries it).</summary>
internal sealed record Antiforgery(string Name, string Token)
{
    public string Field => $"<input type=\"hidden\" name=\"{AdminHtml.E(Name)}\" value=\"{AdminHtml.E(Token)}\">";
}

/// <summary>What was typed (given back on an error) and the errors by field, API paths as names.</summary>
internal sealed class FormState
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public List<(string Field, string Message)> Errors { get; } = [];

    public string Value(string name) => Values.GetValueOrDefault(name, "");
    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public static FormState From(IFormCollection form, int maxLength = 4000)
    {
        var state = new FormState();
        foreach (var (key, value) in form)
            if (key.Length <= 100) state.Values[key] = value.ToString() is { } v && v.Length > maxLength ? v[..maxLength] : value.ToString();
        return state;
    }
}
