using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// « Inscriptions en attente » (operators: the queue, one registration, validate or reject with a reason), the
/// directory search as the signed-in person sees it, and the audit journal with its filters.
/// </summary>
internal static class OperatorPages
{
    public static void Map(RouteGroupBuilder admin)
    {
        AdminEndpoints.Page(admin, HttpMethods.Get, "/inscriptions", QueueAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/inscriptions/{id}", RegistrationAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/inscriptions/{id}", DecideAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/annuaire", DirectoryAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/journal", JournalAsync);
    }

    private static async Task QueueAsync(AdminContext c)
    {
        var page = await c.Api.Registrations.ListRegistrationsAsync(new ListRegistrationsRequest { State = Registration.Types.State.Pending, PageSize = 50, PageToken = c.Query("page", 500) }, c.Call);
        var b = new StringBuilder("<h1>Inscriptions en attente</h1>");
        b.Append(DoneMessages.Html(c));
        b.Append("<table><caption>Inscriptions de BAL partagées à vérifier</caption><thead><tr><th scope=\"col\">Reçue le</th><th scope=\"col\">BAL</th><th scope=\"col\">Raison sociale</th><th scope=\"col\">Comptes</th></tr></thead><tbody>");
        foreach (var r in page.Registrations)
            b.Append($"<tr><td>{E(AdminHtml.When(r.CreateTime))}</td><td><a href=\"/admin/inscriptions/{Uri.EscapeDataString(r.Id)}\">{E(r.Box.Email)}</a></td><td>{E(r.Box.LegalName)}</td><td>{r.Accounts.Count}</td></tr>");
        if (page.Registrations.Count == 0) b.Append("<tr><td colspan=\"4\">Aucune inscription en attente.</td></tr>");
        b.Append("</tbody></table>");
        // Oldest first, 50 a page: the newest are further on, never out of reach.
        b.Append($"<p>{page.TotalSize} inscription(s) en attente.</p>");
        if (page.NextPageToken.Length > 0)
            b.Append($"<nav class=\"pagination\" aria-label=\"Pages des inscriptions\"><a href=\"/admin/inscriptions?page={Uri.EscapeDataString(page.NextPageToken)}\">Page suivante</a></nav>");
        await c.WriteAsync("/admin/inscriptions", "Inscriptions en attente", b.ToString());
    }

    private static async Task RegistrationAsync(AdminContext c) => await ShowRegistrationAsync(c, new FormState(), 200);

    private static async Task ShowRegistrationAsync(AdminContext c, FormState form, int status)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var r = await c.Api.Registrations.GetRegistrationAsync(new GetRegistrationRequest { Id = id }, c.Call);
        var b = new StringBuilder($"<h1>Inscription de {E(r.Box.Email)}</h1>");
        b.Append(ErrorSummary(form));
        b.Append($"<dl class=\"details\"><dt>Reçue le</dt><dd>{E(AdminHtml.When(r.CreateTime))}</dd><dt>État</dt><dd>{E(r.State.ToString())}</dd>");
        b.Append($"<dt>Nom affiché</dt><dd>{E($"{r.Box.LastName} {r.Box.FirstName}")}</dd><dt>Raison sociale</dt><dd>{E(r.Box.LegalName)}</dd>");
        b.Append($"<dt>Identifiant</dt><dd>{E($"{r.Box.StructureIdentifierType.ToString().ToUpperInvariant()} {r.Box.StructureIdentifier}")}</dd>");
        b.Append($"<dt>Description</dt><dd>{E(r.Box.Description)}</dd>");
        if (r.Box.Responsible is { } resp) b.Append($"<dt>Responsable</dt><dd>{E($"{resp.FirstName} {resp.LastName} ({resp.Identifier})")}</dd>");
        if (r.Box.Address is { } ad) b.Append($"<dt>Adresse</dt><dd>{E($"{ad.Line1}, {ad.PostalCode} {ad.City}")}</dd>");
        b.Append("</dl><table><caption>Comptes nominatifs</caption><thead><tr><th scope=\"col\">Adresse</th><th scope=\"col\">Type</th><th scope=\"col\">Nom</th><th scope=\"col\">Prénom</th><th scope=\"col\">RPPS / ADELI</th></tr></thead><tbody>");
        foreach (var a in r.Accounts)
            b.Append($"<tr><td>{E(a.Email)}</td><td>{E(a.Type.ToString().ToUpperInvariant())}</td><td>{E(a.LastName)}</td><td>{E(a.FirstName)}</td><td>{E(a.Rpps + a.Adeli)}</td></tr>");
        b.Append("</tbody></table>");
        if (r.State == Registration.Types.State.Pending)
        {
            var self = $"/admin/inscriptions/{Uri.EscapeDataString(r.Id)}";
            b.Append($"<div class=\"actions\"><form method=\"post\" action=\"{self}\">{c.Af.Field}<input type=\"hidden\" name=\"decision\" value=\"valider\"><button type=\"submit\">Valider l'inscription</button></form></div>");
            b.Append($"<form method=\"post\" action=\"{self}\" novalidate>{c.Af.Field}<input type=\"hidden\" name=\"decision\" value=\"rejeter\">");
            b.Append(Input(form, "reason", "Motif du rejet", "textarea", "Envoyé aux demandeurs par courriel.", required: true));
            b.Append("<button type=\"submit\" class=\"danger\">Rejeter l'inscription</button></form>");
        }
        await c.WriteAsync("/admin/inscriptions", "Inscription en attente", b.ToString(), status);
    }

    private static async Task DecideAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var form = FormState.From(await c.Http.Request.ReadFormAsync(c.Aborted));
        if (form.Value("decision") == "valider")
        {
            await c.Api.Registrations.ValidateRegistrationAsync(new ValidateRegistrationRequest { Id = id }, c.Call);
            c.SeeOther(DoneMessages.Link("/admin/inscriptions", "inscription-validee"));
            return;
        }
        try
        {
            await c.Api.Registrations.RejectRegistrationAsync(new RejectRegistrationRequest { Id = id, Reason = form.Value("reason").Trim() }, c.Call);
            c.SeeOther(DoneMessages.Link("/admin/inscriptions", "inscription-rejetee"));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            AdminContext.AddViolations(form, ex, _ => "reason", "reason");
            await ShowRegistrationAsync(c, form, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task DirectoryAsync(AdminContext c)
    {
        var form = new FormState { Values = { ["q"] = c.Query("q", 100), ["annuaire"] = c.Query("annuaire", 10) is { Length: > 0 } d ? d : "regional" } };
        var b = new StringBuilder("<h1>Annuaire</h1>");
        b.Append("<form method=\"get\" action=\"/admin/annuaire\" class=\"filtres\" role=\"search\">");
        b.Append(Select(form, "annuaire", "Annuaire", [("regional", "Annuaire Medimail (régional)"), ("national", "Annuaire national MSSanté")]));
        b.Append(Input(form, "q", "Nom, prénom, RPPS, ADELI ou adresse", "search"));
        b.Append("<div class=\"champ\"><button type=\"submit\">Rechercher</button></div></form>");
        if (form.Value("q").Length > 0)
        {
            var found = await c.Api.Directory.SearchAsync(new Medimail.Directory.V1.SearchRequest { Directory = form.Value("annuaire"), Query = form.Value("q"), PageSize = 50 }, c.Call);
            b.Append($"<table><caption>{found.TotalSize} entrée(s)</caption><thead><tr><th scope=\"col\">Adresse</th><th scope=\"col\">Type</th><th scope=\"col\">Nom</th><th scope=\"col\">Prénom</th><th scope=\"col\">Profession</th><th scope=\"col\">Ville</th></tr></thead><tbody>");
            foreach (var e in found.Entries)
                b.Append($"<tr><td>{E(e.Email)}</td><td>{E(e.Type)}</td><td>{E(e.LastName)}</td><td>{E(e.FirstName)}</td><td>{E(e.ProfessionLabel)}</td><td>{E(e.Address?.City)}</td></tr>");
            b.Append("</tbody></table>");
        }
        await c.WriteAsync("/admin/annuaire", "Annuaire", b.ToString());
    }

    private static async Task JournalAsync(AdminContext c)
    {
        var form = new FormState { Values = { ["cible"] = c.Query("cible"), ["acteur"] = c.Query("acteur"), ["action"] = c.Query("action", 100), ["du"] = c.Query("du", 10), ["au"] = c.Query("au", 10) } };
        var request = new ListAuditEntriesRequest { Target = form.Value("cible"), Actor = form.Value("acteur"), Action = form.Value("action"), PageSize = 50, PageToken = c.Query("page", 500) };
        if (DateOnly.TryParse(form.Value("du"), out var from)) request.FromTime = Timestamp.FromDateTime(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        if (DateOnly.TryParse(form.Value("au"), out var to)) request.ToTime = Timestamp.FromDateTime(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var entries = await c.Api.Audit.ListAuditEntriesAsync(request, c.Call);
        var b = new StringBuilder("<h1>Journal</h1>");
        b.Append("<form method=\"get\" action=\"/admin/journal\" class=\"filtres\" role=\"search\">");
        b.Append(Input(form, "cible", "Cible (adresse, structure…)"));
        b.Append(Input(form, "acteur", "Auteur"));
        b.Append(Input(form, "action", "Action", help: "Exemple : CreateAccount"));
        b.Append(Input(form, "du", "Du", "date"));
        b.Append(Input(form, "au", "Au", "date"));
        b.Append("<div class=\"champ\"><button type=\"submit\">Filtrer</button></div></form>");
        b.Append(AuditTable(entries.Entries, $"{entries.TotalSize} entrée(s)"));
        if (entries.NextPageToken.Length > 0)
            b.Append($"<nav class=\"pagination\" aria-label=\"Pages du journal\"><a href=\"{E(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/journal", form.Values.Where(v => v.Value.Length > 0).Append(new("page", entries.NextPageToken)).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))))}\">Page suivante</a></nav>");
        await c.WriteAsync("/admin/journal", "Journal", b.ToString());
    }

    public static string AuditTable(IEnumerable<AuditEntry> entries, string caption)
    {
        var b = new StringBuilder($"<div class=\"table-defile\"><table><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Auteur</th><th scope=\"col\">Rôle</th><th scope=\"col\">Action</th><th scope=\"col\">Cible</th><th scope=\"col\">Résultat</th></tr></thead><tbody>");
        var any = false;
        foreach (var e in entries)
        {
            any = true;
            b.Append($"<tr><td>{E(AdminHtml.When(e.Time))}</td><td>{E(e.Actor)}</td><td>{E(e.ActorRole)}</td><td>{E(e.Action)}</td><td>{E(e.Target)}</td><td>{E(e.Outcome)}</td></tr>");
        }
        if (!any) b.Append("<tr><td colspan=\"6\">Aucune entrée.</td></tr>");
        return b.Append("</tbody></table></div>").ToString();
    }
}
