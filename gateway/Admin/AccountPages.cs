using System.Text;
using Grpc.Core;
using Medimail.Identity.V1;
using static Medimail.Gateway.Admin.AdminHtml;

namespace Medimail.Gateway.Admin;

/// <summary>
/// One account: its details, the edit form (with its etag: a change made meanwhile by someone else is explained, not
/// overwritten), disable / enable / invitation / validation, the connection accounts of ORG and APP boxes with their
/// two settings, the liste rouge toggles, the MSSanté correspondence and the account's audit history.
/// </summary>
internal static class AccountPages
{
    private const string Path = "/admin/comptes";

    public static void Map(RouteGroupBuilder admin)
    {
        AdminEndpoints.Page(admin, HttpMethods.Get, "/comptes/{email}", ShowAsync);
        AdminEndpoints.Page(admin, HttpMethods.Get, "/comptes/{email}/modifier", EditAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/comptes/{email}/modifier", SaveAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/comptes/{email}/etat", ChangeStateAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/comptes/{email}/connexions", ConnectionsAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/comptes/{email}/connexions/reglages", ConnectionSettingsAsync);
        AdminEndpoints.Page(admin, HttpMethods.Post, "/comptes/{email}/liste-rouge", UnlistedAsync);
    }

    private static string EmailOf(AdminContext c) => c.Http.Request.RouteValues["email"]?.ToString() ?? "";
    private static string Link(string email) => $"{Path}/{Uri.EscapeDataString(email)}";

    private static async Task ShowAsync(AdminContext c)
    {
        var a = await c.Api.Accounts.GetAccountAsync(new GetAccountRequest { Email = EmailOf(c) }, c.Call);
        var lists = await c.ListsAsync();
        var type = a.Type.ToString().ToUpperInvariant();
        var b = new StringBuilder($"<p class=\"fil\">Administration / Gestion des utilisateurs Medimail / {E(a.Email)}</p>");
        b.Append($"<h1>{E($"{a.FirstName} {a.LastName}".Trim())} – {E(a.Email)}</h1>");
        if (c.Query("cree") == "1") b.Append(Message("succes", "L'utilisateur est enregistré."));
        if (c.Query("fait") is { Length: > 0 } done) b.Append(Message("succes", done));
        foreach (var w in a.Warnings) b.Append(Message("avertissement", w));

        b.Append("<section aria-labelledby=\"t-details\"><h2 id=\"t-details\">Informations</h2><dl class=\"details\">");
        Row(b, "Statut", StateLabel(a.State)); Row(b, "Type de BAL", type); Row(b, "Nom", a.LastName); Row(b, "Prénom", a.FirstName);
        Row(b, "Profession", lists.Label("professions", a.Profession)); Row(b, "Spécialité", lists.Label("specialties", a.Specialty));
        Row(b, "RPPS", a.Rpps); Row(b, "ADELI", a.Adeli); Row(b, "Raison sociale", a.LegalName); Row(b, "Description", a.Description);
        Row(b, "Adresse de retour", a.ReturnAddress);
        if (a.Address is { } ad) Row(b, "Adresse", string.Join(", ", new[] { ad.Line1, ad.Line2, $"{ad.PostalCode} {ad.City}".Trim() }.Where(x => !string.IsNullOrWhiteSpace(x))));
        Row(b, "Téléphone", a.Phone1); Row(b, "Date de péremption", a.ExpiresOn);
        if (a.Responsible is { } r && r.LastName.Length > 0) Row(b, "Responsable", $"{r.FirstName} {r.LastName} ({r.Identifier})");
        Row(b, "Créé le", AdminHtml.When(a.CreateTime)); Row(b, "Modifié le", AdminHtml.When(a.UpdateTime));
        b.Append("</dl><p><a class=\"bouton\" href=\"" + Link(a.Email) + "/modifier\">Éditer le compte</a></p></section>");

        b.Append("<section aria-labelledby=\"t-etat\"><h2 id=\"t-etat\">État du compte</h2><div class=\"actions\">");
        if (a.State == Account.Types.State.Disabled) StateButton(c, b, a, "enable", "Réactiver le compte");
        else StateButton(c, b, a, "disable", "Désactiver le compte", danger: true);
        if (a.State == Account.Types.State.PreRegistered) StateButton(c, b, a, "invite", "Envoyer une invitation");
        if (a.State == Account.Types.State.PendingValidation && c.User.IsOperator) StateButton(c, b, a, "validate", "Valider le compte");
        b.Append("</div></section>");

        Unlisted(c, b, a);
        var box = await MailboxOrNullAsync(c, a);
        if (type is "ORG" or "APP") Connections(c, b, a, box);
        Mssante(b, a, box);
        await HistoryAsync(c, b, a);
        await c.WriteAsync(UserPages.Path, a.Email, b.ToString());
    }

    private static void Row(StringBuilder b, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) b.Append($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");
    }

    private static void StateButton(AdminContext c, StringBuilder b, Account a, string action, string label, bool danger = false) =>
        b.Append($"<form method=\"post\" action=\"{Link(a.Email)}/etat\">{c.Af.Field}<input type=\"hidden\" name=\"action\" value=\"{action}\">" +
                 $"<button type=\"submit\"{(danger ? " class=\"danger\"" : "")}>{E(label)}</button></form>");

    private static void Unlisted(AdminContext c, StringBuilder b, Account a)
    {
        b.Append("<section aria-labelledby=\"t-lr\"><h2 id=\"t-lr\">Visibilité dans les annuaires (liste rouge)</h2>");
        b.Append($"<form method=\"post\" action=\"{Link(a.Email)}/liste-rouge\">{c.Af.Field}");
        var f = new FormState { Values = { ["unlistedRegional"] = a.UnlistedRegional ? "on" : "", ["unlistedNational"] = a.UnlistedNational ? "on" : "" } };
        b.Append(Check(f, "unlistedRegional", "Sur liste rouge de l'annuaire Medimail"));
        b.Append(Check(f, "unlistedNational", "Sur liste rouge de l'annuaire national MSSanté"));
        b.Append("<button type=\"submit\">Enregistrer la visibilité</button></form></section>");
    }

    /// <summary>Mailbox's view of the box (its MSSanté address, its connection accounts' settings); null until the account reaches it.</summary>
    private static async Task<Medimail.Mailbox.V1.Mailbox?> MailboxOrNullAsync(AdminContext c, Account a)
    {
        try
        {
            return await c.Api.Mailboxes.GetMailboxAsync(new Medimail.Mailbox.V1.GetMailboxRequest { Address = a.Email }, c.Call);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return null;
        }
    }

    /// <summary>
    /// The seeds' « Gestion des comptes de connexion »: who reaches the box (Identity-Registry's account), and per
    /// connection account its two settings as Mailbox holds them, each with the button that turns it the other way.
    /// </summary>
    private static void Connections(AdminContext c, StringBuilder b, Account a, Medimail.Mailbox.V1.Mailbox? box)
    {
        b.Append("<section aria-labelledby=\"t-cx\"><h2 id=\"t-cx\">Gestion des comptes de connexion</h2>");
        b.Append("<p>Les comptes nominatifs (PER, INT ou MED) de la structure qui accèdent à cette BAL : ils y lisent les messages reçus et en envoient au nom du service.</p>");
        b.Append("<p class=\"aide\">« Compte par défaut » : la BAL ouverte par défaut lors d'un accès via le Webmail (une seule par personne : la choisir ici retire le défaut de ses autres BAL). ");
        b.Append("Il est possible que le compte par défaut ne soit pas pris en compte à la première connexion : une ré-authentification est alors nécessaire. ");
        b.Append("« Notif de réception vers compte de connexion » : la personne reçoit les notifications de réception de Medimail sur son adresse nominative.</p>");
        if (c.Query("erreur") is { Length: > 0 } error && c.Query("champ") != "ajouter")
            b.Append(Message("erreurs", error, "alert"));
        b.Append("<table><caption>Comptes de connexion</caption><thead><tr><th scope=\"col\">Compte</th><th scope=\"col\">Compte par défaut</th><th scope=\"col\">Notif de réception vers compte de connexion</th><th scope=\"col\">Retirer</th></tr></thead><tbody>");
        foreach (var cx in a.ConnectionAccounts)
        {
            b.Append($"<tr><th scope=\"row\">{E(cx)}</th>");
            var settings = box?.Connections.FirstOrDefault(s => string.Equals(s.Email, cx, StringComparison.OrdinalIgnoreCase));
            if (settings is null)
                b.Append("<td colspan=\"2\">Réglages disponibles dans quelques instants (le compte vient d'être ajouté) : actualisez la page.</td>");
            else
            {
                b.Append($"<td><div class=\"actions\"><span>{(settings.IsDefault ? "Oui" : "Non")}</span>");
                b.Append(settings.IsDefault
                    ? SettingButton(c, a, cx, "defaut", "false", "Ne plus ouvrir par défaut")
                    : SettingButton(c, a, cx, "defaut", "true", "Définir comme compte par défaut"));
                b.Append($"</div></td><td><div class=\"actions\"><span>{(settings.ReceptionNotice ? "Activée" : "Désactivée")}</span>");
                b.Append(settings.ReceptionNotice
                    ? SettingButton(c, a, cx, "notif", "false", "Désactiver la notif")
                    : SettingButton(c, a, cx, "notif", "true", "Activer la notif"));
                b.Append("</div></td>");
            }
            b.Append($"<td><form method=\"post\" action=\"{Link(a.Email)}/connexions\">{c.Af.Field}<input type=\"hidden\" name=\"retirer\" value=\"{E(cx)}\">");
            b.Append($"<button type=\"submit\" class=\"secondaire\">Retirer<span class=\"evitement\"> {E(cx)}</span></button></form></td></tr>");
        }
        b.Append("</tbody></table>");
        var f = new FormState { Values = { ["ajouter"] = c.Query("ajouter") } };
        if (c.Query("champ") == "ajouter" && c.Query("erreur") is { Length: > 0 } addError) f.Errors.Add(("ajouter", addError));
        b.Append($"<form method=\"post\" action=\"{Link(a.Email)}/connexions\" novalidate>{c.Af.Field}");
        b.Append(Input(f, "ajouter", "Ajouter un compte de connexion", "email", "Adresse d'un compte nominatif (PER, INT ou MED) existant de la structure."));
        b.Append("<button type=\"submit\">Ajouter le compte de connexion</button></form></section>");
    }

    private static string SettingButton(AdminContext c, Account a, string connection, string setting, string value, string label) =>
        $"<form method=\"post\" action=\"{Link(a.Email)}/connexions/reglages\">{c.Af.Field}<input type=\"hidden\" name=\"compte\" value=\"{E(connection)}\">" +
        $"<input type=\"hidden\" name=\"{setting}\" value=\"{value}\"><button type=\"submit\" class=\"secondaire\">{E(label)}<span class=\"evitement\"> pour {E(connection)}</span></button></form>";

    private static void Mssante(StringBuilder b, Account a, Medimail.Mailbox.V1.Mailbox? box)
    {
        b.Append("<section aria-labelledby=\"t-mss\"><h2 id=\"t-mss\">Correspondance MSSanté</h2>");
        // The box may not be projected yet (just created): the account's own field says enough.
        var address = box is { MssanteAddress.Length: > 0 } ? box.MssanteAddress : a.MssanteAddress;
        b.Append(string.IsNullOrEmpty(address)
            ? "<p>Aucune correspondance MSSanté : renseignez l'adresse MSSanté (partie avant @) en éditant le compte.</p>"
            : $"<p>Adresse MSSanté : <strong>{E(address)}</strong> (visible dans l'annuaire national MSSanté sauf liste rouge).</p>");
        b.Append("</section>");
    }

    private static async Task HistoryAsync(AdminContext c, StringBuilder b, Account a)
    {
        var entries = await c.Api.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Target = a.Email, PageSize = 20 }, c.Call);
        b.Append("<section aria-labelledby=\"t-hist\"><h2 id=\"t-hist\">Historique du compte</h2>");
        b.Append(OperatorPages.AuditTable(entries.Entries, "Dernières actions sur le compte"));
        b.Append($"<p><a href=\"/admin/journal?cible={Uri.EscapeDataString(a.Email)}\">Tout l'historique dans le journal</a></p></section>");
    }

    private static async Task EditAsync(AdminContext c)
    {
        var a = await c.Api.Accounts.GetAccountAsync(new GetAccountRequest { Email = EmailOf(c) }, c.Call);
        await ShowEditAsync(c, a, AccountForm.FromAccount(a), StatusCodes.Status200OK, conflict: null);
    }

    private static async Task ShowEditAsync(AdminContext c, Account a, FormState form, int status, string? conflict)
    {
        var type = a.Type.ToString().ToUpperInvariant();
        var lists = await c.ListsAsync();
        var b = new StringBuilder($"<h1>Éditer le compte {E(a.Email)}</h1>");
        if (conflict is not null)
            b.Append($"<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"conflit\"><h2>Le compte a été modifié entre-temps</h2><p>{E(conflict)}</p>" +
                     "<p>Vos saisies sont conservées ci-dessous mais rien n'a été enregistré. " +
                     $"<a href=\"{Link(a.Email)}/modifier\">Recharger la version actuelle</a>, puis refaites votre modification.</p></div>");
        b.Append(ErrorSummary(form));
        b.Append($"<form method=\"post\" action=\"{Link(a.Email)}/modifier\" novalidate>{c.Af.Field}");
        b.Append($"<input type=\"hidden\" name=\"etag\" value=\"{E(form.Value("etag"))}\">");
        b.Append($"<p>Type de BAL : <strong>{E(type)}</strong> (l'adresse et le type ne changent pas).</p>");
        b.Append(AccountForm.Render(type, form, lists, editing: true));
        b.Append("<button type=\"submit\">Enregistrer l'utilisateur</button></form>");
        await c.WriteAsync(UserPages.Path, form.Errors.Count > 0 || conflict is not null ? "Erreur – Éditer le compte" : "Éditer le compte", b.ToString(), status);
    }

    private static async Task SaveAsync(AdminContext c)
    {
        var current = await c.Api.Accounts.GetAccountAsync(new GetAccountRequest { Email = EmailOf(c) }, c.Call);
        var type = current.Type.ToString().ToUpperInvariant();
        var form = FormState.From(await c.Http.Request.ReadFormAsync(c.Aborted));
        var account = AccountForm.ToAccount(type, form);
        account.Email = current.Email;
        try
        {
            await c.Api.Accounts.UpdateAccountAsync(new UpdateAccountRequest { Account = account, UpdateMask = AccountForm.Mask(type) }, c.Call);
            c.SeeOther(Link(current.Email) + "?fait=" + Uri.EscapeDataString("Les modifications sont enregistrées."));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted)
        {
            await ShowEditAsync(c, current, form, StatusCodes.Status409Conflict, ex.Status.Detail);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            AdminContext.AddViolations(form, ex, AccountForm.FieldOf, "lastName");
            await ShowEditAsync(c, current, form, StatusCodes.Status400BadRequest, conflict: null);
        }
    }

    private static async Task ChangeStateAsync(AdminContext c)
    {
        var email = EmailOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var request = new AccountActionRequest { Email = email };
        var done = form["action"].ToString() switch
        {
            "disable" => (await c.Api.Accounts.DisableAccountAsync(request, c.Call), "Le compte est désactivé.").Item2,
            "enable" => (await c.Api.Accounts.EnableAccountAsync(request, c.Call), "Le compte est réactivé.").Item2,
            "invite" => (await c.Api.Accounts.SendInvitationAsync(request, c.Call), "Une invitation est envoyée.").Item2,
            "validate" => (await c.Api.Accounts.ValidateAccountAsync(request, c.Call), "Le compte est validé.").Item2,
            _ => "Action inconnue : rien n'a changé.",
        };
        c.SeeOther(Link(email) + "?fait=" + Uri.EscapeDataString(done));
    }

    private static async Task ConnectionsAsync(AdminContext c)
    {
        var email = EmailOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var current = await c.Api.Accounts.GetAccountAsync(new GetAccountRequest { Email = email }, c.Call);
        var list = current.ConnectionAccounts.ToList();
        var added = form["ajouter"].ToString().Trim();
        if (added.Length > 0) list.Add(added);
        list.RemoveAll(x => string.Equals(x, form["retirer"].ToString(), StringComparison.OrdinalIgnoreCase));
        var update = new Account { Email = email, Etag = current.Etag };
        update.ConnectionAccounts.AddRange(list);
        try
        {
            await c.Api.Accounts.UpdateAccountAsync(new UpdateAccountRequest { Account = update, UpdateMask = new() { Paths = { "connectionAccounts" } } }, c.Call);
            c.SeeOther(Link(email) + "?fait=" + Uri.EscapeDataString("Les comptes de connexion sont enregistrés.") + "#t-cx");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Aborted)
        {
            var message = ex.StatusCode == StatusCode.InvalidArgument
                ? ex.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.FirstOrDefault()?.Description ?? ex.Status.Detail
                : "Le compte a été modifié entre-temps par quelqu'un d'autre : rien n'a été enregistré. Vérifiez la liste ci-dessous, puis refaites votre modification.";
            var field = added.Length > 0 ? "ajouter" : "retirer";
            c.SeeOther(Link(email) + "?champ=" + field + "&ajouter=" + Uri.EscapeDataString(added) + "&erreur=" + Uri.EscapeDataString(message) + (field == "ajouter" ? "#ajouter" : "#t-cx"));
        }
    }

    private static async Task ConnectionSettingsAsync(AdminContext c)
    {
        var email = EmailOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        var request = new Medimail.Mailbox.V1.UpdateConnectionSettingsRequest { Address = email, Email = form["compte"].ToString() };
        if (form["defaut"].ToString() is "true" or "false") request.IsDefault = form["defaut"] == "true";
        if (form["notif"].ToString() is "true" or "false") request.ReceptionNotice = form["notif"] == "true";
        try
        {
            var saved = await c.Api.Messages.UpdateConnectionSettingsAsync(request, c.Call);
            var text = $"{saved.Email} : compte par défaut {(saved.IsDefault ? "oui" : "non")}, notif de réception vers compte de connexion {(saved.ReceptionNotice ? "oui" : "non")}.";
            c.SeeOther(Link(email) + "?fait=" + Uri.EscapeDataString(text) + "#t-cx");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
        {
            // NotFound: a connection account just added, not yet known to the messaging service (or just removed).
            var message = ex.StatusCode == StatusCode.NotFound
                ? $"Les réglages de {request.Email} ne sont pas encore modifiables : le compte de connexion vient d'être ajouté ou retiré. Actualisez la page dans quelques instants."
                : ex.Status.Detail;
            c.SeeOther(Link(email) + "?champ=reglages&erreur=" + Uri.EscapeDataString(message) + "#t-cx");
        }
    }

    private static async Task UnlistedAsync(AdminContext c)
    {
        var email = EmailOf(c);
        var form = await c.Http.Request.ReadFormAsync(c.Aborted);
        await c.Api.Visibility.SetVisibilityAsync(new Medimail.Directory.V1.SetVisibilityRequest
        {
            Email = email, UnlistedRegional = form["unlistedRegional"] == "on", UnlistedNational = form["unlistedNational"] == "on",
        }, c.Call);
        c.SeeOther(Link(email) + "?fait=" + Uri.EscapeDataString("La visibilité dans les annuaires est enregistrée.") + "#t-lr");
    }
}
