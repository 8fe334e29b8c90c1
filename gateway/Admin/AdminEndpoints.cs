using Grpc.Core;
using Medimail.Gateway.Pages;
using Medimail.Gateway.RateLimiting;
using Medimail.Identity.V1;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace Medimail.Gateway.Admin;

/// <summary>
/// <c>/admin</c>: the console's sign-in and sign-out, and the wrapper every screen goes through (HTTP port only, a
/// session or the sign-in, antiforgery on every POST, the API's refusals as French pages).
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Console);
        // "/admin" and "/admin/" both: routing ignores the trailing slash.
        admin.MapGet("/", Landing).WithDisplayName("Admin console (home)");
        admin.MapGet("/connexion", StartSignIn).WithDisplayName("Admin console sign-in");
        admin.MapGet("/signin-callback", CallbackAsync).WithDisplayName("Admin console sign-in callback");
        admin.MapPost("/deconnexion", SignOutAsync).WithDisplayName("Admin console sign-out").DisableAntiforgery();
        UserPages.Map(admin);
        AccountPages.Map(admin);
        StructurePages.Map(admin);
        OperatorPages.Map(admin);
    }

    /// <summary>Registers one console screen: GET shows, POST changes (after the antiforgery check).</summary>
    public static void Page(RouteGroupBuilder group, string method, string pattern, Func<AdminContext, Task> handler) =>
        group.MapMethods(pattern, [method], (HttpContext http) => RunAsync(http, handler, method == HttpMethods.Post))
            .WithDisplayName($"Admin {method} {pattern}").DisableAntiforgery();

    private static async Task RunAsync(HttpContext http, Func<AdminContext, Task> handler, bool isPost)
    {
        var services = http.RequestServices;
        if (!PagesPort.Accepts(http, services.GetRequiredService<PortsOptions>())) return;
        var user = await services.GetRequiredService<AdminSession>().CurrentAsync(http);
        if (user is null)
        {
            // A GET comes back to its page after the sign-in; a POST without a session changes nothing.
            http.Response.Redirect(isPost ? "/admin/" : "/admin/connexion?retour=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            return;
        }
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        if (isPost && !await antiforgery.IsRequestValidAsync(http))
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status400BadRequest, EnrolmentHtml.Message("Formulaire expiré",
                "Le formulaire a expiré ou n'a pas été envoyé depuis la console. Rouvrez la page et recommencez."));
            return;
        }
        var tokens = antiforgery.GetAndStoreTokens(http);
        var context = new AdminContext(http, user, new Antiforgery(tokens.FormFieldName, tokens.RequestToken!),
            services.GetRequiredService<AdminApi>(), services.GetRequiredService<ReferenceLists>());
        try
        {
            await handler(context);
        }
        catch (RpcException ex) when (!http.Response.HasStarted)
        {
            var (status, title, text) = ex.StatusCode switch
            {
                StatusCode.PermissionDenied => (403, "Accès refusé", "Votre compte n'a pas accès à cette information ou à cette action."),
                StatusCode.NotFound => (404, "Introuvable", ex.Status.Detail),
                StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists => (400, "Action refusée", ex.Status.Detail),
                StatusCode.Unauthenticated => (401, "Session expirée", "Votre session a expiré : reconnectez-vous."),
                _ => (503, "Service momentanément indisponible", "Le service ne répond pas pour le moment. Réessayez dans quelques minutes."),
            };
            await context.WriteAsync("", title, $"<h1>{AdminHtml.E(title)}</h1><p>{AdminHtml.E(text)}</p><p><a href=\"/admin/utilisateurs\">Retour à la gestion des utilisateurs</a></p>", status);
        }
    }

    private static async Task Landing(HttpContext http, AdminSession session, PortsOptions ports)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        if (await session.CurrentAsync(http) is not null)
        {
            http.Response.Redirect("/admin/utilisateurs");
            return;
        }
        await PageWriter.WriteAsync(http, StatusCodes.Status200OK, PageFrame.Render("Administration Medimail",
            "<h1>Administration Medimail</h1><p>La console des opérateurs et des administrateurs de structure : comptes, imports, " +
            "structures, inscriptions, annuaire et journal.</p><p><a class=\"bouton\" href=\"/admin/connexion\">Se connecter</a></p>"));
    }

    private static void StartSignIn(HttpContext http, AdminSignIn signIn, PortsOptions ports)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect(signIn.Start(http, http.Request.Query["retour"]));
    }

    private static async Task CallbackAsync(HttpContext http, AdminSignIn signIn, TokenClient tokens, AdminApi api, PortsOptions ports)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        var flow = signIn.Finish(http, http.Request.Query["state"]);
        var code = http.Request.Query["code"].ToString();
        var set = flow is null || code.Length == 0 ? null : await tokens.ExchangeCodeAsync(code, flow.Verifier, http.RequestAborted);
        if (set is null)
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status400BadRequest, PageFrame.Render("Connexion impossible – Administration Medimail",
                "<h1>Connexion impossible</h1><p>La connexion n'a pas abouti (lien expiré ou déjà utilisé). " +
                "<a href=\"/admin/connexion\">Recommencer la connexion</a>.</p>"));
            return;
        }
        var me = await api.Me.GetMeAsync(new GetMeRequest(), api.AsToken(set.AccessToken, http.RequestAborted));
        await AdminSession.SignInAsync(http, set, me);
        http.Response.Redirect(AdminSignIn.ReturnPath(flow!.ReturnPath));
    }

    private static async Task SignOutAsync(HttpContext http, AdminSession session, IAntiforgery antiforgery, PortsOptions ports)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await session.SignOutAsync(http);
        // Also ends the sign-in page's session, which would otherwise give the next person a code without a password.
        http.Response.Redirect(session.PostLogoutAddress());
    }
}
