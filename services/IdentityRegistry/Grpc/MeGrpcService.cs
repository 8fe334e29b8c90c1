using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.SignIn;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>The signed-in person (<c>GET /api/v1/me</c>): only a person's token gets here; roles are today's, as its next token's.</summary>
internal sealed class MeGrpcService(IdentityDbContext db, PersonClaims claims, SecondFactor secondFactor) : MeService.MeServiceBase
{
    public override async Task<TotpEnrolment> EnrollTotp(EnrollTotpRequest request, ServerCallContext context)
    {
        var enrolment = await secondFactor.EnrollAsync(await SignedInAsync(db, context), context.CancellationToken);
        return new TotpEnrolment { Secret = enrolment.Secret, OtpauthUri = enrolment.OtpauthUri, QrSvg = enrolment.QrSvg };
    }

    public override async Task<TotpConfirmation> ConfirmTotp(ConfirmTotpRequest request, ServerCallContext context)
    {
        var codes = await secondFactor.ConfirmAsync(await SignedInAsync(db, context), request.Code, context.CancellationToken);
        var confirmation = new TotpConfirmation();
        confirmation.RecoveryCodes.AddRange(codes);
        return confirmation;
    }

    public override async Task<RemoveTotpResponse> RemoveTotp(RemoveTotpRequest request, ServerCallContext context)
    {
        await secondFactor.RemoveAsync(await SignedInAsync(db, context), context.CancellationToken);
        return new RemoveTotpResponse();
    }

    public override async Task<Me> GetMe(GetMeRequest request, ServerCallContext context)
    {
        var account = await SignedInAsync(db, context);
        var names = await db.Structures.AsNoTracking().Where(s => s.AdminEmails.Contains(account.Email))
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(context.CancellationToken);
        var me = new Me { Account = account.ToProto() };
        me.Roles.Add(Roles.Person);
        if (names.Count > 0) me.Roles.Add(Roles.StructureAdmin);
        if (claims.IsOperator(account.Email)) me.Roles.Add(Roles.Operator);
        me.AdministeredStructures.AddRange(names.Select(s => new AdministeredStructure { Id = s.Id.ToString(), Name = s.Name }));
        return me;
    }

    /// <summary>The caller's own account, which must still be allowed to sign in.</summary>
    internal static async Task<AccountRecord> SignedInAsync(IdentityDbContext db, ServerCallContext context, bool tracking = false)
    {
        var caller = context.Caller();
        if (!caller.IsPerson || caller.Email is null)
            throw new PermissionDeniedException("Réservé à une personne connectée (jeton d'une connexion nominative).");
        var accounts = tracking ? db.Accounts : db.Accounts.AsNoTracking();
        var account = await accounts.FirstOrDefaultAsync(a => a.Email == caller.Email, context.CancellationToken);
        if (account is null || !PasswordCheck.MaySignIn(account))
            throw new PermissionDeniedException("Ce compte ne peut plus se connecter.");
        return account;
    }
}
