using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// OpenIddict's manager, except that the CLI client (<see cref="PublicClients.Cli"/>) accepts any loopback redirect
/// URI, whatever its port and path, as RFC 8252 §7.3 requires of native apps that listen on an ephemeral port.
/// Every other client keeps OpenIddict's exact comparison.
/// </summary>
internal sealed class LoopbackAwareApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await GetClientIdAsync(application, cancellationToken) == PublicClients.Cli)
            return PublicClients.IsLoopbackRedirect(uri);
        return await base.ValidateRedirectUriAsync(application, uri, cancellationToken);
    }

    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await GetClientIdAsync(application, cancellationToken) == PublicClients.Cli)
            return PublicClients.IsLoopbackRedirect(uri);
        return await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken);
    }
}
