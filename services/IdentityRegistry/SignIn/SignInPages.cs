namespace Medimail.IdentityRegistry.SignIn;

/// <summary>How every sign-in page is sent: no caching, no referrer, no framing, the enrolment pages' strict CSP.</summary>
internal static class SignInPages
{
    /// <param name="returnUrl">
    /// The authorization request a form leads back to. Browsers apply <c>form-action</c> to the redirects that follow
    /// a post too, and the last one goes to the client's redirect URI: its origin is allowed (OpenIddict still refuses
    /// any redirect URI the client did not register).
    /// </param>
    public static async Task WriteAsync(HttpContext http, int status, string html, string? returnUrl = null)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{RedirectOrigin(returnUrl)}; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(html, http.RequestAborted);
    }

    private static string RedirectOrigin(string? returnUrl)
    {
        if (returnUrl is null) return "";
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + returnUrl).Query);
        return query.TryGetValue("redirect_uri", out var target)
            && Uri.TryCreate(target.ToString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
    }

    /// <summary>429 with Retry-After in whole seconds (at least one).</summary>
    public static Task TooManyAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(http, StatusCodes.Status429TooManyRequests, SignInHtml.Message("Trop de tentatives",
            $"Trop de tentatives de connexion ont échoué. Réessayez dans {seconds} seconde{(seconds > 1 ? "s" : "")}."));
    }
}
