using OpenIddict.Abstractions;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// Creates (or re-keys) the operator client and the service clients from configuration at start-up, so a rotated
/// secret takes effect on restart.
/// </summary>
internal sealed class BootstrapClients(IServiceScopeFactory scopes, OperatorClientSecret secret, PublicClientSettings publicClients,
    ServiceClients serviceClients, ILogger<BootstrapClients> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database may still be migrating in development: try until it works.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureOperatorClientAsync(stoppingToken);
                await EnsurePublicClientsAsync(stoppingToken);
                await EnsureServiceClientsAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Bootstrap operator client not ready yet: {Error}", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task EnsureOperatorClientAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = ClientDescriptors.Confidential(TokenServerOptions.OperatorClientId, "Opérateur Medimail (bootstrap)",
            secret.Value, Medimail.ServiceDefaults.Auth.Roles.Operator, structureId: null);

        var existing = await applications.FindByClientIdAsync(TokenServerOptions.OperatorClientId, cancellationToken);
        if (existing is null)
            await applications.CreateAsync(descriptor, cancellationToken);
        else
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        logger.LogInformation("Bootstrap operator client {ClientId} ready", TokenServerOptions.OperatorClientId);
    }

    /// <summary>The admin console, the webmail and the CLI, kept as configuration says at each start.</summary>
    private async Task EnsurePublicClientsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var descriptor in PublicClients.All(publicClients.AdminRedirectUris, publicClients.WebmailRedirectUris, publicClients.PublicBaseUrl))
        {
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null)
                await applications.CreateAsync(descriptor, cancellationToken);
            else
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        logger.LogInformation("Public clients ready");
    }

    /// <summary>One client per platform process (<see cref="ServiceClients"/>), re-keyed at each start.</summary>
    private async Task EnsureServiceClientsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, clientSecret) in serviceClients.SecretsByClientId)
        {
            var descriptor = ClientDescriptors.Service(clientId, clientSecret);
            var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (existing is null)
                await applications.CreateAsync(descriptor, cancellationToken);
            else
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        logger.LogInformation("Service clients ready: {Count}", serviceClients.SecretsByClientId.Count);
    }
}
