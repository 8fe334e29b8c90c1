using System.Globalization;
using System.Text;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.Notification.V1;
using Microsoft.AspNetCore.WebUtilities;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// « Gestion des utilisateurs Medimail » (seeds 000, 001, 004): the search with its two filters, the paged table, the
/// Actions menu (create, relaunch, last relaunch, import, exports) and the account creation form, type first.
/// </summary>
internal static class UserPages
{
    public const string Path = "/admin/utilisateurs";
    private const int PageSize = 20;
    private static readonly (string, string)[] States =
        [("", "Tous"), ("PRE_REGISTERED", "Pré-inscrit"), ("PENDING_VALIDATION", "En attente de validation"), ("ACTIVE", "Valide"), ("DISABLED", "Désactivé")];

    public static void Map(RouteGroupBuilder admin)
    {
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs", SearchAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/nouveau", NewAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/utilisateurs/nouveau", CreateAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/export", ExportAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/utilisateurs/relance", RelaunchAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/relance", LastRelaunchAsync);
        ImportPages.Map(admin);
    }

    /// <summary>The structure the actions apply to: the one chosen, or a structure admin's only one.</summary>
    public static string StructureOf(AdminContext c)
    {
        var chosen = c.Query("structure", 64);
        if (chosen.Length > 0) return chosen;
        return !c.User.IsOperator && c.User.Structures.Count == 1 ? c.User.Structures[0].Id : "";
    }

    private static async Task SearchAsync(AdminContext c)
    {
        var structure = StructureOf(c);
        var q = c.Query("q", 100);
        var state = c.Query("etat", 30);
        var type = c.Query("type", 5);
        var expiring = c.Query("expire") == "on";
        var pageToken = c.Query("page", 500);
        var structures = await c.StructuresAsync();
        var lists = await c.ListsAsync();
        var request = new SearchAccountsRequest { Query = q, StructureId = structure, PageSize = PageSize, PageToken = pageToken };
        if (ParseState(state) is { } s) request.State = s;
        if (ParseType(type) is { } t) request.Type = t;
        var soon = ExpiringBefore();
        if (expiring) request.ExpiresBefore = soon.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var found = await c.Api.Accounts.SearchAccountsAsync(request, c.Call);

        var structureName = structures.FirstOrDefault(x => x.Id == structure).Name;
        var b = new StringBuilder();
        b.Append($"<p class=\"fil\">Administration / {E(structureName ?? "Toutes les structures")} / Gestion des utilisateurs Medimail</p>");
        b.Append("<h1>Gestion des utilisateurs Medimail</h1>");
        var last = structure.Length == 0 ? null : await LastRelaunchOrNullAsync(c, structure);
        // The count comes from the relaunch itself, not from the link: a link only picks the message (DoneMessages).
        if (c.Query(DoneMessages.Parameter) == "relance-envoyee" && last is not null)
            b.Append(Message("succes", $"Relance envoyée : {last.RecipientCount} utilisateur(s) préinscrit(s) recevront un nouveau lien de finalisation d'inscription."));
        else
            b.Append(DoneMessages.Html(c));
        ActionsMenu(c, b, structure, last, SearchLink(structure, q, state, type, expiring, null));

        b.Append("<section aria-labelledby=\"titre-recherche\"><h2 id=\"titre-recherche\">Recherche</h2>");
        b.Append($"<form method=\"get\" action=\"{Path}\" class=\"filtres\" role=\"search\">");
        var form = new FormState { Values = { ["q"] = q, ["etat"] = state, ["type"] = type, ["structure"] = structure, ["expire"] = expiring ? "on" : "" } };
        if (structures.Count > 1 || c.User.IsOperator)
            b.Append(Select(form, "structure", "Structure", structures.Select(x => (x.Id, x.Name)).Prepend(("", c.User.IsOperator ? "Toutes les structures" : "— choisir —"))));
        else if (structure.Length > 0)
            b.Append($"<input type=\"hidden\" name=\"structure\" value=\"{E(structure)}\">");
        b.Append(Input(form, "q", "Adresse mail, nom, prénom, RPPS, ADELI", "search"));
        b.Append(Select(form, "etat", "État de l'utilisateur", States));
        b.Append(Select(form, "type", "Type d'utilisateur", AccountForm.Types.Select(x => (x.Code, x.Code)).Prepend(("", "Tous"))));
        b.Append(Check(form, "expire", "Expirant dans les 30 jours"));
        b.Append("<div class=\"champ\"><button type=\"submit\">Rechercher</button></div></form></section>");

        b.Append("<section aria-labelledby=\"titre-resultats\"><h2 id=\"titre-resultats\">Utilisateurs</h2>");
        b.Append("<div class=\"table-defile\"><table><caption>");
        b.Append(E($"{found.TotalSize} utilisateur(s) trouvé(s)"));
        b.Append("</caption><thead><tr><th scope=\"col\">Mail</th><th scope=\"col\">Statut</th><th scope=\"col\">Type de BAL</th><th scope=\"col\">Nom</th>");
        b.Append("<th scope=\"col\">Prénom</th><th scope=\"col\">Profession</th><th scope=\"col\">RPPS</th><th scope=\"col\">ADELI</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        foreach (var a in found.Accounts)
        {
            var link = "/admin/comptes/" + Uri.EscapeDataString(a.Email);
            b.Append($"<tr><td><a href=\"{link}\">{E(a.Email)}</a></td><td>{E(StateLabel(a.State))}{ExpiryFlag(a, soon)}</td><td>{E(a.Type.ToString().ToUpperInvariant())}</td>");
            b.Append($"<td>{E(a.LastName)}</td><td>{E(a.FirstName)}</td><td>{E(lists.Label("professions", a.Profession))}</td><td>{E(a.Rpps)}</td><td>{E(a.Adeli)}</td>");
            b.Append($"<td><a href=\"{link}\">Voir<span class=\"evitement\"> {E(a.Email)}</span></a> · <a href=\"{link}/modifier\">Éditer<span class=\"evitement\"> {E(a.Email)}</span></a></td></tr>");
        }
        if (found.Accounts.Count == 0) b.Append("<tr><td colspan=\"9\">Aucun utilisateur ne correspond à la recherche.</td></tr>");
        b.Append("</tbody></table></div>");
        b.Append("<nav class=\"pagination\" aria-label=\"Pages de résultats\">");
        if (pageToken.Length > 0) b.Append($"<a href=\"{E(SearchLink(structure, q, state, type, expiring, null))}\">Première page</a>");
        if (found.NextPageToken.Length > 0) b.Append($"<a href=\"{E(SearchLink(structure, q, state, type, expiring, found.NextPageToken))}\">Page suivante</a>");
        b.Append("</nav></section>");
        await c.WriteAsync(Path, "Gestion des utilisateurs Medimail", b.ToString());
    }

    private static Account.Types.State? ParseState(string state) =>
        state.Length > 0 && Enum.TryParse<Account.Types.State>(state.Replace("_", ""), true, out var s) ? s : null;

    private static Account.Types.Type? ParseType(string type) =>
        type.Length > 0 && Enum.TryParse<Account.Types.Type>(type, true, out var t) ? t : null;

    /// <summary>« Expirant dans les 30 jours ».</summary>
    private static DateOnly ExpiringBefore() => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));

    private static string ExpiryFlag(Account a, DateOnly soon) =>
        DateOnly.TryParseExact(a.ExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d <= soon
            ? $" <span class=\"etiquette expire\">Expire le {d:dd/MM/yyyy}</span>" : "";

    private static string SearchLink(string structure, string q, string state, string type, bool expiring, string? page) =>
        QueryHelpers.AddQueryString(Path, new Dictionary<string, string?>
        {
            ["structure"] = structure, ["q"] = q, ["etat"] = state, ["type"] = type, ["expire"] = expiring ? "on" : "", ["page"] = page ?? "",
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    /// <summary>The Actions menu; the exports carry the search in use (<paramref name="search"/>), so the file holds what the table lists.</summary>
    private static void ActionsMenu(AdminContext c, StringBuilder b, string structure, Relaunch? last, string search)
    {
        b.Append("<details class=\"menu-actions\"><summary>Actions</summary>");
        if (structure.Length == 0)
        {
            b.Append("<p>Choisissez une structure dans la recherche pour créer, relancer, importer ou exporter ses utilisateurs.</p></details>");
            return;
        }
        var s = Uri.EscapeDataString(structure);
        b.Append("<ul>");
        b.Append($"<li><a href=\"{Path}/nouveau?structure={s}\">Créer un nouvel utilisateur</a></li>");
        b.Append($"<li><form method=\"post\" action=\"{Path}/relance\">{c.Af.Field}<input type=\"hidden\" name=\"structure\" value=\"{E(structure)}\">");
        b.Append($"<button type=\"submit\">Relancer vos utilisateurs préinscrits{(last is null ? "" : $" (Dernière relance le : {E(AdminHtml.When(last.CreateTime))})")}</button></form></li>");
        b.Append($"<li><a href=\"{Path}/relance?structure={s}\">Afficher la dernière relance de vos utilisateurs préinscrits</a></li>");
        b.Append($"<li><a href=\"{Path}/import?structure={s}\">Importer une liste d'utilisateurs</a></li>");
        var filters = search.Length > Path.Length ? search[(Path.Length + 1)..] : "structure=" + s;
        b.Append($"<li><a href=\"{E($"{Path}/export?{filters}&format=XLSX")}\" download>Exporter la liste d'utilisateurs au format XLSX</a></li>");
        b.Append($"<li><a href=\"{E($"{Path}/export?{filters}&format=CSV")}\" download>Exporter la liste d'utilisateurs au format CSV</a></li>");
        b.Append("</ul></details>");
    }

    private static async Task<Relaunch?> LastRelaunchOrNullAsync(AdminContext c, string structure)
    {
        try
        {
            return await c.Api.Relaunches.GetLastRelaunchAsync(new GetLastRelaunchRequest { StructureId = structure }, c.Call);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task RelaunchAsync(AdminContext c)
    {
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var structure = form["structure"].ToString();
        await c.Api.Relaunches.StartRelaunchAsync(new StartRelaunchRequest { StructureId = structure, RequestId = Guid.NewGuid().ToString() }, c.Call);
        c.SeeOther(DoneMessages.Link($"{Path}?structure={Uri.EscapeDataString(structure)}", "relance-envoyee"));
    }

    private static async Task LastRelaunchAsync(AdminContext c)
    {
        var structure = StructureOf(c);
        var last = await LastRelaunchOrNullAsync(c, structure);
        var b = new StringBuilder("<h1>Dernière relance de vos utilisateurs préinscrits</h1>");
        if (last is null)
            b.Append("<p>Aucune relance n'a encore été faite pour cette structure.</p>");
        else
        {
            b.Append($"<p>Dernière relance le : {E(AdminHtml.When(last.CreateTime))}, par {E(last.RequestedBy)}, {last.RecipientCount} destinataire(s).</p>");
            b.Append("<table><caption>Destinataires et état d'envoi</caption><thead><tr><th scope=\"col\">Utilisateur</th><th scope=\"col\">État de l'envoi</th><th scope=\"col\">Erreur</th></tr></thead><tbody>");
            foreach (var r in last.Recipients)
                b.Append($"<tr><td>{E(r.Email)}</td><td>{E(Delivery(r.DeliveryState))}</td><td>{E(r.LastError)}</td></tr>");
            b.Append("</tbody></table>");
        }
        b.Append($"<p><a href=\"{Path}?structure={Uri.EscapeDataString(structure)}\">Retour à la gestion des utilisateurs</a></p>");
        await c.WriteAsync(Path, "Dernière relance", b.ToString());
    }

    private static string Delivery(DeliveryState state) => state switch
    {
        DeliveryState.Queued => "En attente d'envoi",
        DeliveryState.Sent => "Envoyé",
        DeliveryState.Failed => "Échec",
        _ => "",
    };

    /// <summary>The file as Identity-Registry writes it (the loadusers columns), streamed to the browser as a download.</summary>
    private static async Task ExportAsync(AdminContext c)
    {
        var csv = !string.Equals(c.Query("format"), "XLSX", StringComparison.OrdinalIgnoreCase);
        var request = new ExportAccountsRequest
        {
            StructureId = StructureOf(c),
            Format = csv ? ExportAccountsRequest.Types.Format.Csv : ExportAccountsRequest.Types.Format.Xlsx,
            Query = c.Query("q", 100),
        };
        if (ParseState(c.Query("etat", 30)) is { } state) request.State = state;
        if (ParseType(c.Query("type", 5)) is { } type) request.Type = type;
        if (c.Query("expire") == "on") request.ExpiresBefore = ExpiringBefore().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var call = c.Api.Accounts.ExportAccounts(request, c.Call.WithDeadline(DateTime.UtcNow.AddMinutes(5)));
        var started = false;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(c.Aborted))
        {
            if (!started)
            {
                c.Http.Response.ContentType = chunk.ContentType.Length > 0 ? chunk.ContentType : csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                c.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"utilisateurs-medimail.{(csv ? "csv" : "xlsx")}\"";
                c.Http.Response.Headers.CacheControl = "no-store";
                started = true;
            }
            await c.Http.Response.Body.WriteAsync(chunk.Data.Memory, c.Aborted);
        }
    }

    private static async Task NewAsync(AdminContext c)
    {
        var type = c.Query("type", 5).ToUpperInvariant();
        var structure = StructureOf(c);
        if (!AccountForm.IsType(type))
        {
            await c.WriteAsync(Path, "Créer un nouvel utilisateur", TypeChoice(structure));
            return;
        }
        var form = new FormState { Values = { ["requestId"] = Guid.NewGuid().ToString(), ["sendInvitation"] = type is "PER" or "INT" or "MED" ? "on" : "" } };
        await ShowCreateFormAsync(c, structure, type, form, StatusCodes.Status200OK);
    }

    private static string TypeChoice(string structure)
    {
        var b = new StringBuilder("<h1>Créer un nouvel utilisateur</h1>");
        b.Append($"<form method=\"get\" action=\"{Path}/nouveau\"><input type=\"hidden\" name=\"structure\" value=\"{E(structure)}\">");
        b.Append("<fieldset><legend>Je sélectionne le type de compte que je veux créer</legend>");
        b.Append(Select(new FormState(), "type", "Choisir un type de BAL", AccountForm.Types.Select(t => (t.Code, t.Label)).Prepend(("", "— choisir —"))));
        b.Append("<dl>");
        foreach (var t in AccountForm.Types) b.Append($"<dt>{E(t.Label)}</dt><dd>{E(t.Description)}</dd>");
        b.Append("</dl><button type=\"submit\">Ajouter</button></fieldset></form>");
        return b.ToString();
    }

    private static async Task ShowCreateFormAsync(AdminContext c, string structure, string type, FormState form, int status)
    {
        var lists = await c.ListsAsync();
        var label = AccountForm.Types.First(t => t.Code == type);
        var b = new StringBuilder($"<h1>Créer un utilisateur : {E(label.Label)}</h1>");
        b.Append(ErrorSummary(form));
        b.Append($"<p>{E(label.Description)}</p><p>Les champs marqués « obligatoire » doivent être remplis.</p>");
        b.Append($"<form method=\"post\" action=\"{Path}/nouveau?structure={Uri.EscapeDataString(structure)}&amp;type={type}\" novalidate>{c.Af.Field}");
        b.Append($"<input type=\"hidden\" name=\"requestId\" value=\"{E(form.Value("requestId"))}\">");
        b.Append(AccountForm.Render(type, form, lists, editing: false));
        if (type is not "ORG" and not "APP")
            b.Append(Check(form, "sendInvitation", "Envoyer le lien de finalisation d'inscription à l'utilisateur", "Sinon, relancez-le plus tard depuis le menu Actions."));
        b.Append("<button type=\"submit\">Enregistrer l'utilisateur</button></form>");
        await c.WriteAsync(Path, form.Errors.Count > 0 ? "Erreur – Créer un utilisateur" : "Créer un utilisateur", b.ToString(), status);
    }

    private static async Task CreateAsync(AdminContext c)
    {
        var type = c.Query("type", 5).ToUpperInvariant();
        var structure = StructureOf(c);
        if (!AccountForm.IsType(type))
        {
            c.SeeOther($"{Path}/nouveau?structure={Uri.EscapeDataString(structure)}");
            return;
        }
        var form = FormState.From(await c.Http.Request.ReadFormAsync(c.Aborted));
        try
        {
            var created = await c.Api.Accounts.CreateAccountAsync(new CreateAccountRequest
            {
                StructureId = structure, Account = AccountForm.ToAccount(type, form),
                SendInvitation = form.Value("sendInvitation") == "on", RequestId = form.Value("requestId"),
            }, c.Call);
            c.SeeOther($"/admin/comptes/{Uri.EscapeDataString(created.Email)}?cree=1");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists)
        {
            AdminContext.AddViolations(form, ex, AccountForm.FieldOf, "email");
            await ShowCreateFormAsync(c, structure, type, form, StatusCodes.Status400BadRequest);
        }
    }
}
