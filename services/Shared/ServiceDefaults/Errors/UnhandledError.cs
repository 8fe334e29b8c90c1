using Microsoft.AspNetCore.Http;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// The last resort for HTTP requests: a plain JSON 500. It sits inside the development exception page, which would
/// otherwise echo request headers (bearer tokens) back to the caller.
/// </summary>
public static class UnhandledError
{
    public static Task WriteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return http.Response.WriteAsJsonAsync(new { code = 13, message = "Erreur interne. Réessayez plus tard." });
    }
}
