namespace Medimail.Gateway.Admin;

/// <summary>
/// The « c'est fait » messages shown after a change (post/redirect/get). The redirect names a code
/// (<c>?fait=inscription-validee</c>), never a text: a link made by anyone can only pick one of these messages, not put
/// its own words in the console's voice. An unknown code shows nothing.
/// </summary>
internal static class DoneMessages
{
    public const string Parameter = "fait";

    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["inscription-validee"] = "L'inscription est validée : la BAL et ses comptes nominatifs sont actifs.",
        ["inscription-rejetee"] = "L'inscription est rejetée : les demandeurs en sont informés par courriel.",
        ["relance-envoyee"] = "La relance est partie : chaque utilisateur préinscrit reçoit un nouveau lien de finalisation d'inscription.",
        ["structure-creee"] = "La structure est créée.",
        ["compte-enregistre"] = "Les modifications sont enregistrées.",
        ["connexions-enregistrees"] = "Les comptes de connexion sont enregistrés.",
        ["visibilite-enregistree"] = "La visibilité dans les annuaires est enregistrée.",
        ["connecteur-revoque"] = "Le connecteur est révoqué : il n'obtient plus de jeton.",
    };

    /// <summary><paramref name="path"/> with the code of its message (the code must be one of <see cref="Texts"/>).</summary>
    public static string Link(string path, string code)
    {
        if (!Texts.ContainsKey(code)) throw new ArgumentException($"Unknown message code '{code}'.", nameof(code));
        return path + (path.Contains('?') ? '&' : '?') + Parameter + "=" + code;
    }

    /// <summary>The message of the request's code, as a status box; empty when there is none or it is unknown.</summary>
    public static string Html(AdminContext c) =>
        Texts.TryGetValue(c.Query(Parameter, 40), out var text) ? AdminHtml.Message("succes", text) : "";
}
