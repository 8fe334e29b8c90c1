using System.Security.Claims;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// What a person's tokens say, read from the database each time a token is issued (a code or a refresh), so the next
/// token follows a granted or removed administration: <c>role</c> person (+ structure_admin), one <c>structure_id</c>
/// per administered structure, <c>email</c>, <c>mailbox_type</c>;
/// <c>operator</c> too for the addresses of <c>SignIn:OperatorEmails</c>.
/// </summary>
internal sealed class PersonClaims(IdentityDbContext db, Microsoft.Extensions.Options.IOptions<SignInOptions> options)
{
    public const string MailboxType = "mailbox_type";
    public static readonly string[] PersonScopes = [Scopes.OpenId, MedimailClaims.ApiScope, Scopes.OfflineAccess, Scopes.Email, Scopes.Profile];

    /// <summary>
    /// The account behind <paramref name="email"/> with the structures it administers, in one statement: a code and a
    /// refresh each read them (bench/signin counts the statements of a sign-in).
    /// </summary>
    public async Task<SignInSubject?> FindAsync(string? email, CancellationToken cancellationToken)
    {
        if (email is null)
            return null;
        var found = await db.Accounts.AsNoTracking().Where(a => a.Email == email)
            .Select(a => new
            {
                Account = a,
                Administered = db.Structures.Where(s => s.AdminEmails.Contains(a.Email)).OrderBy(s => s.Id).Select(s => s.Id).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new SignInSubject(found.Account, found.Administered);
    }

    public ClaimsIdentity IdentityOf(SignInSubject subject, IEnumerable<string> requestedScopes)
    {
        var (account, administered) = subject;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Subject, MedimailClaims.Role);
        identity.SetClaim(Claims.Subject, account.Email);
        identity.SetClaim(MedimailClaims.Email, account.Email);
        identity.SetClaim(MailboxType, account.Type);
        identity.SetClaim(Claims.Name, $"{account.FirstName} {account.LastName}".Trim());
        identity.AddClaim(new Claim(MedimailClaims.Role, Roles.Person));
        if (administered.Count > 0)
            identity.AddClaim(new Claim(MedimailClaims.Role, Roles.StructureAdmin));
        if (IsOperator(account.Email))
            identity.AddClaim(new Claim(MedimailClaims.Role, Roles.Operator));
        foreach (var structure in administered)
            identity.AddClaim(new Claim(MedimailClaims.StructureId, structure.ToString()));

        identity.SetScopes(requestedScopes.Intersect(PersonScopes));
        identity.SetResources(MedimailClaims.Audience);
        identity.SetDestinations(Destinations);
        return identity;
    }

    public bool IsOperator(string email) => options.Value.IsOperator(email);

    /// <summary>Rights go in the access token only; the identity token tells the front end who signed in.</summary>
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or MedimailClaims.Email or MailboxType => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}

/// <summary>A person about to get a token: the account and the structures it administers.</summary>
internal sealed record SignInSubject(AccountRecord Account, IReadOnlyList<Guid> Administered);
