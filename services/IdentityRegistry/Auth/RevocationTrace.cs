using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>Every answer of <c>/connect/revoke</c> becomes a security event: which client revoked a token, and whether it worked.</summary>
internal sealed class RevocationTrace(ISecurityEvents events) : IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>().UseScopedHandler<RevocationTrace>().SetOrder(int.MinValue + 100_000).Build();

    public async ValueTask HandleAsync(ApplyRevocationResponseContext context)
    {
        var client = context.Request?.ClientId ?? "inconnu";
        var failed = !string.IsNullOrEmpty(context.Response.Error);
        await events.RecordAsync(new SecurityEvent(client, "client", SecurityActions.TokenRevoked, client,
            failed ? SecurityOutcomes.Failed : SecurityOutcomes.Succeeded, Detail: failed ? context.Response.Error : null), context.CancellationToken);
    }
}
