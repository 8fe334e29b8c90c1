using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Medimail.IdentityRegistry.Auth;

/// <summary>
/// Identity tokens get no row in the token table. An identity token tells the client who signed in; it is never a
/// credential presented back to this server (OpenIddict checks an <c>id_token_hint</c> at sign-out by its signature,
/// and only looks an entry up when the token names one) and it cannot be revoked. Its row was one INSERT per sign-in
/// for nothing (bench/signin). Codes, refresh tokens and access tokens keep theirs: redemption, rotation and
/// revocation read them.
/// </summary>
internal sealed class UnstoredIdentityTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<UnstoredIdentityTokens>()
            // After the credentials are chosen, before the entry would be created.
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.IdentityToken)
            context.CreateTokenEntry = false;
        return default;
    }
}
