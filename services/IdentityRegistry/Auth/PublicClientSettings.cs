namespace Medimail.IdentityRegistry.Auth;

/// <summary>Where the web clients may receive codes: <c>SignIn:AdminRedirectUris</c> / <c>SignIn:WebmailRedirectUris</c>, or under PublicBaseUrl.</summary>
public sealed record PublicClientSettings(IReadOnlyList<string> AdminRedirectUris, IReadOnlyList<string> WebmailRedirectUris, string PublicBaseUrl)
{
    public static PublicClientSettings From(SignIn.SignInOptions options, string publicBaseUrl)
    {
        var root = publicBaseUrl.TrimEnd('/');
        return new PublicClientSettings(
            options.AdminRedirectUris is { Count: > 0 } admin ? admin : [root + "/admin/signin-callback"],
            options.WebmailRedirectUris is { Count: > 0 } webmail ? webmail : [root + "/webmail/signin-callback"],
            root);
    }
}
