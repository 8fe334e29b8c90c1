using Google.Rpc;
using Grpc.Core;
using Medimail.Gateway.RateLimiting;
using Medimail.Identity.V1;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace Medimail.Gateway.Pages;

/// <summary>
/// <c>GET/POST /inscription</c>: the public self-registration form (seed 002), served like the enrolment pages (plain
/// HTML without script, antiforgery, the anonymous rate limit), calling Identity-Registry's RegistrationService. The
/// form carries a requestId, so a double submission registers once. Passwords are never written back into the page.
/// </summary>
internal static class RegistrationPages
{
    public const string Path = "/inscription";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Anonymous);
        group.MapGet(Path, ShowAsync).WithDisplayName("Registration page");
        group.MapPost(Path, SubmitAsync).WithDisplayName("Registration page (submit)").DisableAntiforgery();
    }

    private static async Task ShowAsync(HttpContext http, ReferenceService.ReferenceServiceClient reference, IAntiforgery antiforgery,
        PortsOptions ports, EnrolmentPageSettings settings)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        await ShowFormAsync(http, antiforgery, reference, settings, RegistrationForm.Empty(), StatusCodes.Status200OK);
    }

    private static async Task SubmitAsync(HttpContext http, RegistrationService.RegistrationServiceClient registrations,
        ReferenceService.ReferenceServiceClient reference, IAntiforgery antiforgery, PortsOptions ports, EnrolmentPageSettings settings)
    {
        if (!PagesPort.Accepts(http, ports)) return;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status400BadRequest, EnrolmentHtml.Message("Formulaire expiré",
                "Le formulaire a expiré ou n'a pas été envoyé depuis cette page. Rouvrez la page d'inscription et recommencez."));
            return;
        }

        var form = RegistrationForm.Read(await http.Request.ReadFormAsync(http.RequestAborted));
        try
        {
            var registration = await registrations.RegisterAsync(form.ToRequest(), deadline: settings.Deadline(), cancellationToken: http.RequestAborted);
            await PageWriter.WriteAsync(http, StatusCodes.Status200OK, RegistrationHtml.Success(registration));
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists)
        {
            var shown = form.WithoutSecrets();
            var violations = ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
            if (violations is null || violations.Count == 0)
                shown.Errors.Add(("boxEmail", ex.Status.Detail));
            else
                shown.Errors.AddRange(violations.Select(v => (RegistrationForm.FieldOfPath.GetValueOrDefault(v.Field, "boxEmail"), v.Description)));
            await ShowFormAsync(http, antiforgery, reference, settings, shown, StatusCodes.Status400BadRequest);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status429TooManyRequests, EnrolmentHtml.Message("Trop de tentatives", RateLimitRejection.Message));
        }
        catch (RpcException)
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, EnrolmentHtml.Message("Service momentanément indisponible",
                "L'inscription ne peut pas être enregistrée pour le moment. Réessayez dans quelques minutes."));
        }
    }

    private static async Task ShowFormAsync(HttpContext http, IAntiforgery antiforgery, ReferenceService.ReferenceServiceClient reference,
        EnrolmentPageSettings settings, RegistrationForm form, int status)
    {
        IReadOnlyList<ReferenceItem> professions;
        try
        {
            professions = (await reference.ListAsync(new ListReferenceRequest { List = "professions" }, deadline: settings.Deadline(),
                cancellationToken: http.RequestAborted)).Items;
        }
        catch (RpcException)
        {
            await PageWriter.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, EnrolmentHtml.Message("Service momentanément indisponible",
                "La page d'inscription n'est pas disponible pour le moment. Réessayez dans quelques minutes."));
            return;
        }
        var tokens = antiforgery.GetAndStoreTokens(http);
        await PageWriter.WriteAsync(http, status, RegistrationHtml.Form(http.Request.PathBase + Path, tokens.FormFieldName, tokens.RequestToken!, form, professions));
    }
}

/// <summary>Pages belong to the HTTP/1.1 port, like the REST routes; the gRPC port answers 404.</summary>
internal static class PagesPort
{
    public static bool Accepts(HttpContext http, PortsOptions ports)
    {
        if (Routing.Listeners.ArrivedOn(http, ports) == Routing.Listeners.Http) return true;
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }
}

/// <summary>
/// HTML answers: no caching (passwords were typed), no Referer, no framing; styles and scripts only from the gateway's
/// own /assets (no inline style or script, no other origin).
/// </summary>
internal static class PageWriter
{
    public const string Csp = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async Task WriteAsync(HttpContext http, int status, string html)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = Csp;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(html, http.RequestAborted);
    }
}
