using System.Text;
using Grpc.Core;
using Medimail.Identity.V1;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// Structures: the list (every one for operators, their own for structure admins), creation (operators), the admins
/// (operators grant and remove), the connectors (secret shown once, rotation, revocation, last use).
/// </summary>
internal static class StructurePages
{
    private const string Path = "/admin/structures";

    public static void Map(RouteGroupBuilder admin)
    {
        AdminEndpoints.Page(admin, HttpMethods.Get, "/structures", ListAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/structures", CreateAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/structures/{id}", ShowAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/structures/{id}/admins", AdminsAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/structures/{id}/connecteurs", ConnectorsAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/structures/{id}/secret", SecretAsync);
    }

    private static Task ListAsync(AdminContext c) => ShowListAsync(c, new FormState { Values = { ["identifierType"] = "FINESS", ["requestId"] = Guid.NewGuid().ToString() } }, 200);

    private static async Task ShowListAsync(AdminContext c, FormState form, int status)
    {
        var b = new StringBuilder($"<h1>{(c.User.IsOperator ? "Structures" : "Mes structures")}</h1>");
        b.Append(ErrorSummary(form));
        b.Append("<table><caption>Structures</caption><thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Identifiant</th><th scope=\"col\">Domaine MSSanté</th><th scope=\"col\">Administrateurs</th></tr></thead><tbody>");
        if (c.User.IsOperator)
        {
            var page = await c.Api.Structures.ListStructuresAsync(new ListStructuresRequest { PageSize = 200 }, c.Call);
            foreach (var s in page.Structures.OrderBy(s => s.Name)) Row(b, s);
        }
        else
        {
            foreach (var (id, _) in c.User.Structures)
                Row(b, await c.Api.Structures.GetStructureAsync(new GetStructureRequest { Id = id }, c.Call));
        }
        b.Append("</tbody></table>");
        if (c.User.IsOperator)
        {
            b.Append($"<section aria-labelledby=\"t-new\"><h2 id=\"t-new\">Créer une structure</h2><form method=\"post\" action=\"{Path}\" novalidate>{c.Af.Field}");
            b.Append($"<input type=\"hidden\" name=\"requestId\" value=\"{E(form.Value("requestId"))}\">");
            b.Append(Input(form, "name", "Nom de la structure", required: true));
            b.Append(Select(form, "identifierType", "Type d'identifiant", [("FINESS", "FINESS"), ("SIRET", "SIRET"), ("SIREN", "SIREN")], required: true));
            b.Append(Input(form, "identifier", "Identifiant", help: "Numéro FINESS, SIRET ou SIREN, sans espace.", required: true));
            b.Append(Input(form, "mssanteDomain", "Domaine MSSanté", help: "Exemple : ch-exemple.mssante.fr", required: true));
            b.Append("<button type=\"submit\">Créer la structure</button></form></section>");
        }
        await c.WriteAsync(Path, "Structures", b.ToString(), status);
    }

    private static void Row(StringBuilder b, Structure s) =>
        b.Append($"<tr><td><a href=\"{Path}/{Uri.EscapeDataString(s.Id)}\">{E(s.Name)}</a></td><td>{E($"{s.IdentifierType.ToString().ToUpperInvariant()} {s.Identifier}")}</td>" +
                 $"<td>{E(s.MssanteDomain)}</td><td>{E(string.Join(", ", s.AdminEmails))}</td></tr>");

    private static async Task CreateAsync(AdminContext c)
    {
        var form = FormState.From(await c.Http.Request.ReadFormAsync(c.Aborted));
        var request = new CreateStructureRequest
        {
            Name = form.Value("name").Trim(), Identifier = form.Value("identifier").Trim(), MssanteDomain = form.Value("mssanteDomain").Trim(),
            RequestId = form.Value("requestId"),
        };
        if (Enum.TryParse<Structure.Types.IdentifierType>(form.Value("identifierType"), true, out var t)) request.IdentifierType = t;
        try
        {
            var created = await c.Api.Structures.CreateStructureAsync(request, c.Call);
            c.SeeOther($"{Path}/{Uri.EscapeDataString(created.Id)}?fait=" + Uri.EscapeDataString("La structure est créée."));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists)
        {
            AdminContext.AddViolations(form, ex, f => f, "name");
            await ShowListAsync(c, form, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task ShowAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var s = await c.Api.Structures.GetStructureAsync(new GetStructureRequest { Id = id }, c.Call);
        var connectors = await c.Api.Structures.ListConnectorsAsync(new ListConnectorsRequest { StructureId = id }, c.Call);
        var self = $"{Path}/{Uri.EscapeDataString(s.Id)}";
        var b = new StringBuilder($"<p class=\"fil\">Administration / Structures / {E(s.Name)}</p><h1>{E(s.Name)}</h1>");
        if (c.Query("fait") is { Length: > 0 } done) b.Append(Message("succes", done));
        b.Append($"<dl class=\"details\"><dt>Identifiant</dt><dd>{E($"{s.IdentifierType.ToString().ToUpperInvariant()} {s.Identifier}")}</dd>");
        b.Append($"<dt>Domaine MSSanté</dt><dd>{E(s.MssanteDomain)}</dd><dt>Créée le</dt><dd>{E(AdminHtml.When(s.CreateTime))}</dd></dl>");
        b.Append($"<p><a href=\"{UserPages.Path}?structure={Uri.EscapeDataString(s.Id)}\">Gérer les utilisateurs de cette structure</a></p>");

        b.Append("<section aria-labelledby=\"t-adm\"><h2 id=\"t-adm\">Administrateurs</h2><ul>");
        foreach (var admin in s.AdminEmails)
        {
            b.Append($"<li>{E(admin)}");
            if (c.User.IsOperator)
                b.Append($" <form method=\"post\" action=\"{self}/admins\" class=\"en-ligne\">{c.Af.Field}<input type=\"hidden\" name=\"retirer\" value=\"{E(admin)}\"><button type=\"submit\" class=\"secondaire\">Retirer<span class=\"evitement\"> {E(admin)}</span></button></form>");
            b.Append("</li>");
        }
        if (s.AdminEmails.Count == 0) b.Append("<li>Aucun administrateur.</li>");
        b.Append("</ul>");
        if (c.User.IsOperator)
        {
            var f = new FormState { Values = { ["admin"] = c.Query("admin") } };
            if (c.Query("erreur") is { Length: > 0 } error) f.Errors.Add(("admin", error));
            b.Append(ErrorSummary(f));
            b.Append($"<form method=\"post\" action=\"{self}/admins\" novalidate>{c.Af.Field}");
            b.Append(Input(f, "admin", "Adresse du nouvel administrateur", "email", "Un compte nominatif actif (PER, INT ou MED)."));
            b.Append("<button type=\"submit\">Ajouter l'administrateur</button></form>");
        }
        b.Append("</section>");

        b.Append("<section aria-labelledby=\"t-cn\"><h2 id=\"t-cn\">Connecteurs (logiciels métier)</h2>");
        b.Append("<table><caption>Connecteurs</caption><thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Identifiant client</th><th scope=\"col\">Créé le</th><th scope=\"col\">Dernière utilisation</th><th scope=\"col\">État</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
        foreach (var cn in connectors.Connectors)
        {
            b.Append($"<tr><td>{E(cn.Name)}</td><td>{E(cn.ClientId)}</td><td>{E(AdminHtml.When(cn.CreateTime))}</td><td>{E(cn.LastUsedTime is null ? "jamais" : AdminHtml.When(cn.LastUsedTime))}</td>");
            b.Append($"<td>{(cn.Revoked ? "Révoqué" : "Actif")}</td><td>");
            if (!cn.Revoked)
            {
                b.Append($"<div class=\"actions\"><form method=\"post\" action=\"{self}/connecteurs\">{c.Af.Field}<input type=\"hidden\" name=\"client\" value=\"{E(cn.ClientId)}\"><input type=\"hidden\" name=\"action\" value=\"rotate\"><button type=\"submit\" class=\"secondaire\">Nouveau secret<span class=\"evitement\"> pour {E(cn.Name)}</span></button></form>");
                b.Append($"<form method=\"post\" action=\"{self}/connecteurs\">{c.Af.Field}<input type=\"hidden\" name=\"client\" value=\"{E(cn.ClientId)}\"><input type=\"hidden\" name=\"action\" value=\"revoke\"><button type=\"submit\" class=\"danger\">Révoquer<span class=\"evitement\"> {E(cn.Name)}</span></button></form></div>");
            }
            b.Append("</td></tr>");
        }
        if (connectors.Connectors.Count == 0) b.Append("<tr><td colspan=\"6\">Aucun connecteur.</td></tr>");
        b.Append("</tbody></table>");
        b.Append($"<form method=\"post\" action=\"{self}/connecteurs\" novalidate>{c.Af.Field}<input type=\"hidden\" name=\"action\" value=\"create\">");
        var connectorForm = new FormState();
        if (c.Query("erreurConnecteur") is { Length: > 0 } connectorError) connectorForm.Errors.Add(("nom", connectorError));
        b.Append(ErrorSummary(connectorForm));
        b.Append(Input(connectorForm, "nom", "Nom du nouveau connecteur", help: "Le logiciel métier qui l'utilisera (exemple : RIS de radiologie).", required: true));
        b.Append("<button type=\"submit\">Créer le connecteur</button></form></section>");
        await c.WriteAsync(Path, s.Name, b.ToString());
    }

    private static async Task AdminsAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var self = $"{Path}/{Uri.EscapeDataString(id)}";
        if (form["retirer"].ToString() is { Length: > 0 } removed)
        {
            await c.Api.Structures.RemoveStructureAdminAsync(new RemoveStructureAdminRequest { StructureId = id, Email = removed }, c.Call);
            c.SeeOther(self + "?fait=" + Uri.EscapeDataString($"{removed} n'administre plus la structure."));
            return;
        }
        var email = form["admin"].ToString().Trim();
        try
        {
            await c.Api.Structures.AddStructureAdminAsync(new AddStructureAdminRequest { StructureId = id, Email = email }, c.Call);
            c.SeeOther(self + "?fait=" + Uri.EscapeDataString($"{email} administre maintenant la structure (à sa prochaine connexion)."));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            var message = ex.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.FirstOrDefault()?.Description ?? ex.Status.Detail;
            c.SeeOther(self + "?admin=" + Uri.EscapeDataString(email) + "&erreur=" + Uri.EscapeDataString(message) + "#admin");
        }
    }

    /// <summary>A new or rotated secret is handed, sealed, to the secret page (ConnectorSecretHandoff), which shows it once.</summary>
    private static async Task ConnectorsAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var self = $"{Path}/{Uri.EscapeDataString(id)}";
        var client = form["client"].ToString();
        Connector? withSecret = null;
        switch (form["action"].ToString())
        {
            case "create":
                try
                {
                    withSecret = await c.Api.Structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = id, Name = form["nom"].ToString().Trim() }, c.Call);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
                {
                    var message = ex.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.FirstOrDefault()?.Description ?? ex.Status.Detail;
                    c.SeeOther(self + "?erreurConnecteur=" + Uri.EscapeDataString(message) + "#nom");
                    return;
                }
                break;
            case "rotate":
                withSecret = await c.Api.Structures.RotateConnectorSecretAsync(new ConnectorActionRequest { StructureId = id, ClientId = client }, c.Call);
                break;
            case "revoke":
                await c.Api.Structures.RevokeConnectorAsync(new ConnectorActionRequest { StructureId = id, ClientId = client }, c.Call);
                c.SeeOther(self + "?fait=" + Uri.EscapeDataString("Le connecteur est révoqué : il n'obtient plus de jeton.") + "#t-cn");
                return;
        }
        if (withSecret is null)
        {
            c.SeeOther(self);
            return;
        }
        ConnectorSecretHandoff.Hand(c.Http, self + "/secret", withSecret);
        c.SeeOther(self + "/secret");
    }

    private static async Task SecretAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var self = $"{Path}/{Uri.EscapeDataString(id)}";
        var shown = ConnectorSecretHandoff.Take(c.Http, self + "/secret");
        c.Http.Response.Headers.CacheControl = "no-store";
        var b = new StringBuilder("<h1>Secret du connecteur</h1>");
        if (shown is null)
        {
            b.Append("<div class=\"avertissement\" role=\"status\"><p>Le secret n'est plus affiché : il ne l'est qu'une fois, juste après sa création. ");
            b.Append("S'il n'a pas été copié, demandez un nouveau secret pour ce connecteur (l'ancien cessera de fonctionner).</p></div>");
        }
        else
        {
            b.Append("<div class=\"avertissement\" role=\"alert\"><p>Copiez ce secret maintenant : il ne sera plus jamais affiché. ");
            b.Append("Medimail n'en garde qu'une empreinte ; en cas de perte, demandez un nouveau secret.</p></div>");
            b.Append($"<dl class=\"details\"><dt>Connecteur</dt><dd>{E(shown.Name)}</dd><dt>Identifiant client</dt><dd class=\"secret\" id=\"client\">{E(shown.ClientId)}</dd>");
            b.Append($"<dt>Secret</dt><dd class=\"secret\" id=\"secret\">{E(shown.Secret)}</dd></dl>");
        }
        b.Append($"<p><a href=\"{self}#t-cn\">{(shown is null ? "Retour à la structure" : "J'ai copié le secret, retour à la structure")}</a></p>");
        await c.WriteAsync(Path, "Secret du connecteur", b.ToString());
    }
}
