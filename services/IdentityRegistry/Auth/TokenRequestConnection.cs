using Medimail.IdentityRegistry.Data;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// A code or a token costs a dozen statements (OpenIddict's client, authorization and token rows, the person's
/// account): one pooled connection held for the request, instead of one taken and reset (DISCARD ALL) per statement.
/// Not the sign-in form, whose password hash would hold a connection idle for a tenth of a second.
/// </summary>
internal static class TokenRequestConnection
{
    private static readonly PathString[] Paths = ["/connect/authorize", "/connect/token"];

    /// <summary>Ahead of authentication, where OpenIddict's server reads its client and tokens.</summary>
    public static void UseOneConnectionPerTokenRequest(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!Paths.Any(path => http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            await next(http);
            return;
        }
        var database = http.RequestServices.GetRequiredService<IdentityDbContext>().Database;
        await database.OpenConnectionAsync(http.RequestAborted);
        try { await next(http); }
        finally { await database.CloseConnectionAsync(); }
    });
}
