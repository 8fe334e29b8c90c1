using System.Text;
using Google.Protobuf;
using Medimail.Identity.V1;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// « Importer une liste d'utilisateurs »: upload, check without creating (dry run: the report by line and column),
/// then the import itself with its progress bar. The bar moves with /assets/admin-import.js; without the script the
/// « Actualiser » link shows the same progress. « Importer ce fichier » needs no second upload: Identity-Registry keeps
/// the file of a succeeded dry run 30 minutes (StartImport checkedImportId), so any gateway replica can start it.
/// </summary>
internal static class ImportPages
{
    private const string Path = UserPages.Path + "/import";
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static void Map(RouteGroupBuilder admin)
    {
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/import", FormAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/utilisateurs/import", StartAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/import/{id}", JobAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/utilisateurs/import/{id}/etat", ProgressAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/utilisateurs/import/{id}/importer", ImportCheckedAsync);
    }

    private static Task FormAsync(AdminContext c) => ShowFormAsync(c, UserPages.StructureOf(c), new FormState(), StatusCodes.Status200OK);

    private static Task ShowFormAsync(AdminContext c, string structure, FormState form, int status)
    {
        var b = new StringBuilder("<h1>Importer une liste d'utilisateurs</h1>");
        b.Append(ErrorSummary(form));
        b.Append("<p>Le fichier suit le modèle « loadusers » (CSV ou XLSX) du guide de création des comptes. Vérifiez-le d'abord : ");
        b.Append("le rapport indique chaque erreur avec sa ligne et sa colonne, sans rien créer.</p>");
        b.Append($"<form method=\"post\" action=\"{Path}?structure={Uri.EscapeDataString(structure)}\" enctype=\"multipart/form-data\" novalidate>{c.Af.Field}");
        b.Append(Input(form, "fichier", "Liste d'utilisateurs à importer", "file", "Fichier CSV (séparateur « ; ») ou XLSX, 50 Mo au plus.", required: true));
        b.Append(Notify(form));
        b.Append("<div class=\"actions\"><button type=\"submit\" name=\"mode\" value=\"verifier\">Vérifier le fichier</button>");
        b.Append("<button type=\"submit\" name=\"mode\" value=\"importer\" class=\"secondaire\">Importer directement</button></div></form>");
        return c.WriteAsync(UserPages.Path, form.Errors.Count > 0 ? "Erreur – Importer une liste d'utilisateurs" : "Importer une liste d'utilisateurs", b.ToString(), status);
    }

    private static string Notify(FormState form) => Check(form, "notification",
        "Envoyer une notification aux utilisateurs pour les avertir de la création de leur compte",
        "Un mail contenant un lien de finalisation d'inscription est envoyé à chaque utilisateur. Sinon, les comptes sont chargés et rien n'est envoyé : relancez-les plus tard.");

    private static async Task StartAsync(AdminContext c)
    {
        var structure = UserPages.StructureOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var state = new FormState { Values = { ["notification"] = form["notification"].ToString() } };
        var file = form.Files.GetFile("fichier");
        if (file is null || file.Length == 0)
        {
            state.Errors.Add(("fichier", "Choisissez le fichier de la liste d'utilisateurs."));
            await ShowFormAsync(c, structure, state, StatusCodes.Status400BadRequest);
            return;
        }
        if (file.Length > MaxFileBytes)
        {
            state.Errors.Add(("fichier", "Le fichier dépasse 50 Mo : découpez-le en plusieurs fichiers."));
            await ShowFormAsync(c, structure, state, StatusCodes.Status400BadRequest);
            return;
        }
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, c.Aborted);
        var bytes = content.ToArray();
        var dryRun = form["mode"] != "importer";
        var fileName = System.IO.Path.GetFileName(file.FileName);
        var job = await StartImportAsync(c, new StartImportRequest
        {
            StructureId = structure, FileName = fileName, Content = ByteString.CopyFrom(bytes), DryRun = dryRun, SendInvitations = state.Value("notification") == "on",
        });
        c.SeeOther($"{Path}/{job.Id}?structure={Uri.EscapeDataString(structure)}");
    }

    private static Task<ImportJob> StartImportAsync(AdminContext c, StartImportRequest request) =>
        c.Api.Imports.StartImportAsync(request, c.Call.WithDeadline(DateTime.UtcNow.AddMinutes(2))).ResponseAsync;

    private static async Task ImportCheckedAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var structure = UserPages.StructureOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        ImportJob job;
        try
        {
            job = await StartImportAsync(c, new StartImportRequest { StructureId = structure, CheckedImportId = id, SendInvitations = form["notification"] == "on" });
        }
        catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.InvalidArgument)
        {
            await ShowFormAsync(c, structure, new FormState { Errors = { ("fichier", ex.Status.Detail) } }, StatusCodes.Status400BadRequest);
            return;
        }
        c.SeeOther($"{Path}/{job.Id}?structure={Uri.EscapeDataString(structure)}");
    }

    private static async Task ProgressAsync(AdminContext c)
    {
        var job = await c.Api.Imports.GetImportAsync(new GetImportRequest { Id = c.Http.Request.RouteValues["id"]?.ToString() ?? "" }, c.Call);
        c.Http.Response.Headers.CacheControl = "no-store";
        await c.Http.Response.WriteAsJsonAsync(new { state = job.State.ToString().ToUpperInvariant(), totalRows = job.TotalRows, processedRows = job.ProcessedRows }, c.Aborted);
    }

    private static async Task JobAsync(AdminContext c)
    {
        var id = c.Http.Request.RouteValues["id"]?.ToString() ?? "";
        var structure = UserPages.StructureOf(c);
        var job = await c.Api.Imports.GetImportAsync(new GetImportRequest { Id = id }, c.Call);
        var self = $"{Path}/{Uri.EscapeDataString(job.Id)}?structure={Uri.EscapeDataString(structure)}";
        var what = job.DryRun ? "Vérification" : "Import";
        var ended = job.DryRun ? "terminée" : "terminé";
        var b = new StringBuilder();
        if (job.State == ImportJob.Types.State.Running)
        {
            b.Append($"<h1>{what} en cours</h1>");
            b.Append($"<progress id=\"progression-import\" max=\"{Math.Max(job.TotalRows, 1)}\" value=\"{job.ProcessedRows}\" data-etat=\"{E($"{Path}/{Uri.EscapeDataString(job.Id)}/etat")}\" aria-labelledby=\"progression-texte\"></progress>");
            b.Append($"<p id=\"progression-texte\" role=\"status\">{job.ProcessedRows} ligne(s) traitée(s) sur {job.TotalRows}</p>");
            b.Append($"<p><a href=\"{E(self)}\">Actualiser</a></p>");
            await c.WriteAsync(UserPages.Path, $"{what} en cours", b.ToString(), script: "admin-import.js");
            return;
        }
        var failed = job.State == ImportJob.Types.State.Failed;
        b.Append($"<h1>{what} {(failed ? "en échec" : ended)}</h1>");
        b.Append($"<progress max=\"{Math.Max(job.TotalRows, 1)}\" value=\"{job.TotalRows}\" aria-labelledby=\"progression-texte\"></progress>");
        b.Append($"<p id=\"progression-texte\" role=\"status\">{job.ProcessedRows} ligne(s) traitée(s) sur {job.TotalRows} : ");
        b.Append(job.DryRun ? $"{job.TotalRows - job.RejectedCount} ligne(s) valide(s), {job.RejectedCount} ligne(s) en erreur.</p>"
                            : $"{job.CreatedCount} compte(s) créé(s), {job.RejectedCount} ligne(s) rejetée(s).</p>");
        Issues(b, "Erreurs", job.Errors, job.OmittedErrorCount);
        Issues(b, "Avertissements", job.Warnings, job.OmittedWarningCount);
        if (job.DryRun && !failed)
        {
            b.Append($"<form method=\"post\" action=\"{Path}/{Uri.EscapeDataString(job.Id)}/importer?structure={Uri.EscapeDataString(structure)}\">{c.Af.Field}");
            b.Append(Notify(new FormState()));
            b.Append($"<button type=\"submit\">Importer ce fichier</button>{(job.RejectedCount > 0 ? " <span>(les lignes en erreur ne seront pas importées)</span>" : "")}</form>");
        }
        b.Append($"<p><a href=\"{UserPages.Path}?structure={Uri.EscapeDataString(structure)}\">Retour à la gestion des utilisateurs</a></p>");
        await c.WriteAsync(UserPages.Path, $"{what} {(failed ? "en échec" : ended)}", b.ToString());
    }

    private static void Issues(StringBuilder b, string title, IEnumerable<ImportIssue> issues, int omitted)
    {
        var list = issues.ToList();
        if (list.Count == 0) return;
        b.Append($"<table><caption>{E(title)} ({list.Count + omitted})</caption><thead><tr><th scope=\"col\">Ligne</th><th scope=\"col\">Colonne</th><th scope=\"col\">Message</th></tr></thead><tbody>");
        foreach (var i in list)
            b.Append($"<tr><td>{(i.Line == 0 ? "fichier" : i.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))}</td><td>{E(i.Column)}</td><td>{E(i.Message)}</td></tr>");
        b.Append("</tbody></table>");
        if (omitted > 0) b.Append($"<p>… et {omitted} autre(s), non affichée(s).</p>");
    }
}
