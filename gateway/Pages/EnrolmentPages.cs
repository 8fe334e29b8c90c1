using Google.Rpc;
using Grpc.Core;
using Medimail.Gateway.RateLimiting;
using Medimail.Gateway.Routing;
using Medimail.Identity.V1;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Antiforgery;

namespace Medimail.Gateway.Pages;

/// <summary>
/// <c>GET/POST /enrol/{token}</c>: the page the enrolment links open. It calls Identity-Registry's EnrolmentService
/// over gRPC with a deadline. A used, expired, replaced or unknown token shows the one "lien invalide ou expiré"
/// page. The token never reaches a log: SafeRoute masks it, and nothing here logs it.
/// </summary>
internal static class EnrolmentPages
{
    public const string Path = "/enrol/{token}";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Anonymous);
        group.MapGet(Path, ShowAsync).WithDisplayName("Enrolment page");
        group.MapPost(Path, SubmitAsync).WithDisplayName("Enrolment page (submit)").DisableAntiforgery();
    }

    private static async Task ShowAsync(HttpContext http, string token, EnrolmentService.EnrolmentServiceClient identity,
        IAntiforgery antiforgery, PortsOptions ports, EnrolmentPageSettings settings)
    {
        if (!OnPagesPort(http, ports)) return;
        var enrolment = await GetAsync(http, identity, token, settings);
        if (enrolment is null) return;
        await ShowFormAsync(http, antiforgery, enrolment, EnrolmentForm.Empty, StatusCodes.Status200OK);
    }

    private static async Task SubmitAsync(HttpContext http, string token, EnrolmentService.EnrolmentServiceClient identity,
        IAntiforgery antiforgery, PortsOptions ports, EnrolmentPageSettings settings)
    {
        if (!OnPagesPort(http, ports)) return;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, EnrolmentHtml.Message("Formulaire expiré",
                "Le formulaire a expiré ou n'a pas été envoyé depuis cette page. Rouvrez le lien reçu par courriel et recommencez."));
            return;
        }

        var enrolment = await GetAsync(http, identity, token, settings);
        if (enrolment is null) return;

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var password = form["password"].ToString();
        var confirmation = form["passwordConfirmation"].ToString();
        var accepted = form["acceptTerms"].ToString();
        var errors = new List<(string, string)>();
        if (password.Length == 0)
            errors.Add(("password", "Saisissez un mot de passe."));
        if (confirmation != password)
            errors.Add(("passwordConfirmation", "Les deux mots de passe ne sont pas identiques."));
        if (accepted.Length == 0)
            errors.Add(("acceptTerms", "Vous devez accepter les conditions générales d'utilisation pour activer votre compte."));
        if (errors.Count > 0)
        {
            await ShowFormAsync(http, antiforgery, enrolment, new EnrolmentForm(accepted.Length > 0, errors), StatusCodes.Status400BadRequest);
            return;
        }

        try
        {
            var done = await identity.CompleteEnrolmentAsync(
                new CompleteEnrolmentRequest { Token = token, Password = password, AcceptedTermsVersion = accepted },
                deadline: settings.Deadline(), cancellationToken: http.RequestAborted);
            await WriteAsync(http, StatusCodes.Status200OK, EnrolmentHtml.Success(done));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            await ShowFormAsync(http, antiforgery, enrolment, new EnrolmentForm(true, FieldErrors(ex)), StatusCodes.Status400BadRequest);
        }
        catch (RpcException ex)
        {
            await WriteFailureAsync(http, ex);
        }
    }

    /// <summary>The service's violations, on the page's own field names.</summary>
    private static List<(string, string)> FieldErrors(RpcException ex)
    {
        var violations = ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations;
        if (violations is null || violations.Count == 0)
            return [("password", ex.Status.Detail)];
        return violations.Select(v => (v.Field == "acceptedTermsVersion" ? "acceptTerms" : "password", v.Description)).ToList();
    }

    private static async Task<Enrolment?> GetAsync(HttpContext http, EnrolmentService.EnrolmentServiceClient identity, string token, EnrolmentPageSettings settings)
    {
        try
        {
            return await identity.GetEnrolmentAsync(new GetEnrolmentRequest { Token = token },
                deadline: settings.Deadline(), cancellationToken: http.RequestAborted);
        }
        catch (RpcException ex)
        {
            await WriteFailureAsync(http, ex);
            return null;
        }
    }

    private static Task WriteFailureAsync(HttpContext http, RpcException ex) => ex.StatusCode switch
    {
        StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition =>
            WriteAsync(http, StatusCodes.Status404NotFound, EnrolmentHtml.InvalidLink()),
        StatusCode.ResourceExhausted =>
            WriteAsync(http, StatusCodes.Status429TooManyRequests, EnrolmentHtml.Message("Trop de tentatives", RateLimitRejection.Message)),
        _ => WriteAsync(http, StatusCodes.Status503ServiceUnavailable, EnrolmentHtml.Message("Service momentanément indisponible",
            "L'inscription ne peut pas être finalisée pour le moment. Réessayez dans quelques minutes avec le même lien.")),
    };

    private static Task ShowFormAsync(HttpContext http, IAntiforgery antiforgery, Enrolment enrolment, EnrolmentForm form, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        // The form posts back to the address it was opened at: the token is in the path, never copied into the page.
        var action = http.Request.PathBase + http.Request.Path;
        return WriteAsync(http, status, EnrolmentHtml.Form(enrolment, action, tokens.FormFieldName, tokens.RequestToken!, form));
    }

    // The address holds a credential: PageWriter's answers are not cached, send no Referer and cannot be framed.
    private static Task WriteAsync(HttpContext http, int status, string html) => PageWriter.WriteAsync(http, status, html);

    /// <summary>Pages belong to the HTTP/1.1 port, like the REST routes; the gRPC port answers 404.</summary>
    private static bool OnPagesPort(HttpContext http, PortsOptions ports)
    {
        if (Listeners.ArrivedOn(http, ports) == Listeners.Http) return true;
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }
}

/// <summary>How long a page waits for Identity-Registry (<c>Pages:BackendDeadline</c>, 5 s by default).</summary>
internal sealed record EnrolmentPageSettings(TimeSpan Timeout)
{
    public DateTime Deadline() => DateTime.UtcNow.Add(Timeout);
}
