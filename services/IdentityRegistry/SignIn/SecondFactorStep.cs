using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// The sign-in's second step, after a good password: the code of an account whose second factor is on, or — when its
/// mailbox type requires one it does not have yet — the enrolment (secret, QR code, first code, recovery codes).
/// The password's success travels to this step sealed in a hidden field, valid five minutes; code failures count
/// against the address and the IP like password failures.
/// </summary>
internal sealed class SecondFactorStep(IdentityDbContext db, SecondFactor factor, SignInThrottle throttle, PasswordCheck check,
    IDataProtectionProvider protection, Auth.ISecurityEvents events)
{
    private const string Code = "code", Enrol = "enrol";
    private readonly ITimeLimitedDataProtector pending = protection.CreateProtector("Medimail.SignIn.Pending").ToTimeLimitedDataProtector();

    /// <summary>True when the step took over (it wrote the page); false when the person may be signed in now.</summary>
    public async Task<bool> BeginAsync(HttpContext http, IAntiforgery antiforgery, AccountRecord account, string returnUrl)
    {
        if (await factor.IsOnAsync(account.Email, http.RequestAborted))
        {
            await AskAsync(http, antiforgery, Seal(account.Email, Code), returnUrl, null, StatusCodes.Status200OK);
            return true;
        }
        if (!factor.RequiredFor(account))
            return false;
        var enrolment = await factor.EnrollAsync(account, http.RequestAborted);
        await EnrolPageAsync(http, antiforgery, Seal(account.Email, Enrol), returnUrl, enrolment, null, StatusCodes.Status200OK);
        return true;
    }

    public async Task SubmitAsync(HttpContext http, IAntiforgery antiforgery, IFormCollection form, string returnUrl)
    {
        var sealedStep = form["pending"].ToString();
        string email, kind;
        try
        {
            var parts = pending.Unprotect(sealedStep).Split('\n');
            (email, kind) = (parts[0], parts[1]);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IndexOutOfRangeException or FormatException)
        {
            await SignInPages.WriteAsync(http, StatusCodes.Status400BadRequest, SignInHtml.Message("Délai dépassé",
                "La vérification a expiré. Revenez à votre application et connectez-vous de nouveau."));
            return;
        }
        var client = ClientAddress.Of(http);
        var wait = (await throttle.CheckAsync(email, client, http.RequestAborted)).Wait;
        if (wait > TimeSpan.Zero)
        {
            await SignInPages.TooManyAsync(http, wait);
            return;
        }
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, http.RequestAborted);
        if (account is null || !PasswordCheck.MaySignIn(account))
        {
            await SignInPages.WriteAsync(http, StatusCodes.Status400BadRequest, SignInHtml.Message("Connexion impossible", SignInHtml.GenericFailure));
            return;
        }

        var code = form["totp"].ToString();
        if (kind == Enrol)
        {
            IReadOnlyList<string> recovery;
            try
            {
                recovery = await factor.ConfirmAsync(account, code, http.RequestAborted);
            }
            catch (ValidationFailedException)
            {
                await FailedAsync(email, client, account, http);
                var enrolment = await factor.EnrollAsync(account, http.RequestAborted);
                await EnrolPageAsync(http, antiforgery, sealedStep, returnUrl, enrolment, "Code incorrect : un nouveau secret a été créé, enregistrez-le de nouveau.", StatusCodes.Status400BadRequest);
                return;
            }
            await SignInEndpoints.SignInSessionAsync(http, check, account, client);
            await SignInPages.WriteAsync(http, StatusCodes.Status200OK, SignInHtml.RecoveryCodes(recovery, returnUrl));
            return;
        }

        if (!await factor.VerifyAsync(email, code, http.RequestAborted))
        {
            await FailedAsync(email, client, account, http);
            await AskAsync(http, antiforgery, sealedStep, returnUrl, "Code incorrect ou déjà utilisé.", StatusCodes.Status400BadRequest);
            return;
        }
        await SignInEndpoints.CompleteAsync(http, check, account, returnUrl, client);
    }

    private async Task FailedAsync(string email, string client, AccountRecord account, HttpContext http)
    {
        await throttle.FailedAsync(email, client, http.RequestAborted);
        await events.RecordAsync(new Auth.SecurityEvent(email, "person", Auth.SecurityActions.SignIn, email, Auth.SecurityOutcomes.Failed,
            account.StructureId, client, "code de vérification incorrect"), http.RequestAborted);
    }

    private string Seal(string email, string kind) => pending.Protect($"{email}\n{kind}", TimeSpan.FromMinutes(5));

    private static Task AskAsync(HttpContext http, IAntiforgery antiforgery, string sealedStep, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return SignInPages.WriteAsync(http, status,
            SignInHtml.CodeForm(SignInEndpoints.SignInPath, returnUrl, tokens.FormFieldName, tokens.RequestToken!, sealedStep, error), returnUrl);
    }

    private static Task EnrolPageAsync(HttpContext http, IAntiforgery antiforgery, string sealedStep, string returnUrl, TotpSetup enrolment, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return SignInPages.WriteAsync(http, status,
            SignInHtml.EnrolForm(SignInEndpoints.SignInPath, returnUrl, tokens.FormFieldName, tokens.RequestToken!, sealedStep, enrolment, error), returnUrl);
    }
}
