using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// Every answer of <c>/connect/revoke</c> becomes a security event: which client revoked whose token, and whether it
/// worked. The person (the token's subject) is read while the request is handled, the outcome when it is answered.
/// </summary>
internal sealed class RevocationTrace(ISecurityEvents events) : IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    private const string SubjectProperty = ".medimail_revoked_subject";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>().UseScopedHandler<RevocationTrace>().SetOrder(int.MinValue + 100_000).Build();

    /// <summary>Keeps the revoked token's subject for the trace (the principal is only known while the request is handled).</summary>
    public static OpenIddictServerHandlerDescriptor SubjectDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseInlineHandler(context =>
            {
                if (context.GenericTokenPrincipal?.GetClaim(OpenIddictConstants.Claims.Subject) is { Length: > 0 } subject)
                    context.Transaction.Properties[SubjectProperty] = subject;
                return default;
            })
            .SetOrder(OpenIddictServerHandlers.Revocation.AttachPrincipal.Descriptor.Order + 500)
            .Build();

    public async ValueTask HandleAsync(ApplyRevocationResponseContext context)
    {
        var client = context.Request?.ClientId ?? "inconnu";
        var subject = context.Transaction.Properties.TryGetValue(SubjectProperty, out var value) ? value as string : null;
        var failed = !string.IsNullOrEmpty(context.Response.Error);
        await events.RecordAsync(new SecurityEvent(client, "client", SecurityActions.TokenRevoked, subject ?? client,
            failed ? SecurityOutcomes.Failed : SecurityOutcomes.Succeeded, Detail: failed ? context.Response.Error : null), context.CancellationToken);
    }
}
