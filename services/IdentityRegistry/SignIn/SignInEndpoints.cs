using System.Security.Claims;
using Medimail.IdentityRegistry.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// People's door (served through the gateway's <c>/connect/*</c> route):
/// <c>/connect/authorize</c> issues a code to a person signed in by the <c>medimail-signin</c> cookie, or sends the
/// browser to <c>/connect/signin</c>, the HTML form, which sets that cookie and returns to the authorization request.
/// OpenIddict has already checked the client, its redirect URI, PKCE and the scopes before these handlers run.
/// </summary>
internal static class SignInEndpoints
{
    public const string CookieScheme = "medimail-signin";
    public const string SignInPath = "/connect/signin";
    private const string AuthorizePath = "/connect/authorize";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous();
        app.MapGet(SignInPath, ShowAsync).AllowAnonymous();
        app.MapPost(SignInPath, SubmitAsync).AllowAnonymous().DisableAntiforgery();
        app.MapGet(SignInPath + "/done", (HttpContext http) => SignInPages.WriteAsync(http, StatusCodes.Status200OK,
            SignInHtml.Message("Vous êtes déconnecté", "Votre session Medimail est fermée. Fermez cette fenêtre ou reconnectez-vous depuis votre application."))).AllowAnonymous();
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], LogoutAsync).AllowAnonymous();
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).AllowAnonymous();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, PersonClaims claims)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenIddict request.");
        var session = await http.AuthenticateAsync(CookieScheme);
        var prompts = request.GetPromptValues();
        SignInSubject? subject = null;
        if (session.Succeeded && !prompts.Contains(PromptValues.Login))
        {
            subject = await claims.FindAsync(session.Principal!.FindFirstValue(Claims.Subject), http.RequestAborted);
            if (subject is null || !PasswordCheck.MaySignIn(subject.Account))
            {
                await http.SignOutAsync(CookieScheme);
                subject = null;
            }
        }
        if (subject is null)
        {
            if (prompts.Contains(PromptValues.None))
                return Forbid(Errors.LoginRequired, "La personne n'est pas connectée.");
            // Back to this request after the form, without prompt=login, which would ask again for ever.
            var parameters = request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (StringValues)(string?)p.Value));
            var returnUrl = AuthorizePath + QueryString.Create(parameters).ToUriComponent();
            return Results.Redirect(SignInPath + QueryString.Create("returnUrl", returnUrl).ToUriComponent());
        }

        var identity = claims.IdentityOf(subject, request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static Task ShowAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var returnUrl = http.Request.Query["returnUrl"].ToString();
        if (!IsAuthorizeUrl(returnUrl))
            return NoRequestAsync(http);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return SignInPages.WriteAsync(http, StatusCodes.Status200OK,
            SignInHtml.PasswordForm(SignInPath, returnUrl, tokens.FormFieldName, tokens.RequestToken!, null), returnUrl);
    }

    private static async Task SubmitAsync(HttpContext http, IAntiforgery antiforgery, PasswordCheck check, SecondFactorStep secondFactor)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            await SignInPages.WriteAsync(http, StatusCodes.Status400BadRequest, SignInHtml.Message("Formulaire expiré",
                "Le formulaire a expiré ou n'a pas été envoyé depuis cette page. Revenez à votre application et recommencez."));
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        if (!IsAuthorizeUrl(returnUrl))
        {
            await NoRequestAsync(http);
            return;
        }

        if (form.ContainsKey("pending"))
        {
            await secondFactor.SubmitAsync(http, antiforgery, form, returnUrl);
            return;
        }

        var email = form["email"].ToString();
        var client = ClientAddress.Of(http);
        var result = await check.CheckAsync(email, form["password"].ToString(), client, http.RequestAborted);
        switch (result.Outcome)
        {
            case PasswordOutcome.Throttled:
                await SignInPages.TooManyAsync(http, result.RetryAfter);
                return;
            case PasswordOutcome.Failed:
                var tokens = antiforgery.GetAndStoreTokens(http);
                await SignInPages.WriteAsync(http, StatusCodes.Status400BadRequest,
                    SignInHtml.PasswordForm(SignInPath, returnUrl, tokens.FormFieldName, tokens.RequestToken!, SignInHtml.GenericFailure), returnUrl);
                return;
        }
        if (await secondFactor.BeginAsync(http, antiforgery, result.Account!, returnUrl))
            return;
        await CompleteAsync(http, check, result.Account!, returnUrl, client);
    }

    /// <summary>The password (and the code, when asked) passed: the session cookie, then back to the authorization request.</summary>
    public static async Task CompleteAsync(HttpContext http, PasswordCheck check, AccountRecord account, string returnUrl, string client)
    {
        await SignInSessionAsync(http, check, account, client);
        http.Response.Redirect(returnUrl);
    }

    /// <summary>Records the success and opens the session (the cookie the authorization endpoint reads).</summary>
    public static async Task SignInSessionAsync(HttpContext http, PasswordCheck check, AccountRecord account, string client)
    {
        await check.SignedInAsync(account, client, http.RequestAborted);
        var identity = new ClaimsIdentity(CookieScheme, Claims.Subject, null);
        identity.AddClaim(new Claim(Claims.Subject, account.Email));
        await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, Auth.ISecurityEvents events)
    {
        var session = await http.AuthenticateAsync(CookieScheme);
        await http.SignOutAsync(CookieScheme);
        if (session.Succeeded)
        {
            var email = session.Principal!.FindFirstValue(Claims.Subject) ?? "";
            await events.RecordAsync(new Auth.SecurityEvent(email, "person", Auth.SecurityActions.SignOut, email,
                Auth.SecurityOutcomes.Succeeded, ClientAddress: ClientAddress.Of(http)), http.RequestAborted);
        }
        // OpenIddict redirects to a registered post_logout_redirect_uri when one was given, else to this page.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = SignInPath + "/done" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IdentityDbContext db)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var email = result.Principal?.FindFirstValue(Claims.Subject);
        var account = email is null ? null : await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == email, http.RequestAborted);
        if (account is null || !PasswordCheck.MaySignIn(account))
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Ce compte ne peut plus se connecter.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        return Results.Json(new Dictionary<string, object>
        {
            [Claims.Subject] = account.Email,
            [Claims.Email] = account.Email,
            [Claims.Name] = $"{account.FirstName} {account.LastName}".Trim(),
            [Claims.GivenName] = account.FirstName,
            [Claims.FamilyName] = account.LastName,
            [PersonClaims.MailboxType] = account.Type,
        });
    }

    /// <summary>Only an authorization request of this server: never an open redirect.</summary>
    internal static bool IsAuthorizeUrl(string url) =>
        url.StartsWith(AuthorizePath + "?", StringComparison.Ordinal) && url.Length < 4096 && !url.Contains('\\') && !url.Contains('#');

    private static Task NoRequestAsync(HttpContext http) => SignInPages.WriteAsync(http, StatusCodes.Status400BadRequest,
        SignInHtml.Message("Connexion impossible depuis cette adresse", "Ouvrez votre messagerie ou la console d'administration : elle vous amènera ici pour vous connecter."));

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
