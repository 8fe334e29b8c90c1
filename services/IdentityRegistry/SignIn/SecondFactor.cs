using System.Security.Cryptography;
using System.Text;
using Medimail.IdentityRegistry.Auth;
using Medimail.IdentityRegistry.Data;
using Medimail.ServiceDefaults.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// TOTP (RFC 6238, Otp.NET: SHA-1, 6 digits, 30 s, one step of drift either way) per account: enrol (a secret, its
/// otpauth:// URI and a QR code as SVG), confirm with a first code (the factor is then on, and ten single-use recovery
/// codes are shown once), remove. <c>SignIn:RequireSecondFactor:{TYPE}</c> makes it mandatory for a mailbox type.
/// </summary>
internal sealed class SecondFactor(IdentityDbContext db, IDataProtectionProvider protection, IOptions<SignInOptions> options,
    ISecurityEvents events, TimeProvider clock)
{
    public const string Issuer = "Medimail";
    public const int RecoveryCodeCount = 10;
    private readonly IDataProtector secrets = protection.CreateProtector("Medimail.SignIn.TotpSecret");

    public bool RequiredFor(AccountRecord account) =>
        options.Value.RequireSecondFactor.TryGetValue(account.Type, out var required) && required;

    public async Task<bool> IsOnAsync(string email, CancellationToken cancellationToken) =>
        await db.Set<TotpFactorRecord>().AnyAsync(f => f.Email == email && f.ConfirmedAt != null, cancellationToken);

    /// <summary>A new secret (replacing an unconfirmed one); refused while a confirmed factor exists (remove it first).</summary>
    public async Task<TotpSetup> EnrollAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        var factor = await db.Set<TotpFactorRecord>().FirstOrDefaultAsync(f => f.Email == account.Email, cancellationToken);
        if (factor?.ConfirmedAt is not null)
            throw new FailedPreconditionException("La double authentification est déjà active : retirez-la avant d'en enregistrer une nouvelle.");
        var secret = KeyGeneration.GenerateRandomKey(20);
        if (factor is null)
        {
            factor = new TotpFactorRecord { Email = account.Email, CreatedAt = clock.GetUtcNow() };
            db.Set<TotpFactorRecord>().Add(factor);
        }
        factor.ProtectedSecret = secrets.Protect(Base32Encoding.ToString(secret));
        factor.LastUsedStep = 0;
        factor.RecoveryCodeHashes = [];
        await db.SaveChangesAsync(cancellationToken);
        await Record(account.Email, SecurityActions.SecondFactorEnrolled, SecurityOutcomes.Succeeded, cancellationToken);
        var base32 = Base32Encoding.ToString(secret);
        var uri = new OtpUri(OtpType.Totp, base32, account.Email, Issuer).ToString();
        return new TotpSetup(base32, uri, QrSvg(uri));
    }

    /// <summary>The first good code turns the factor on; returns the ten recovery codes, shown this once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(AccountRecord account, string code, CancellationToken cancellationToken)
    {
        var factor = await db.Set<TotpFactorRecord>().FirstOrDefaultAsync(f => f.Email == account.Email, cancellationToken)
            ?? throw new FailedPreconditionException("Aucune double authentification en cours d'enregistrement : commencez par l'enregistrer.");
        if (factor.ConfirmedAt is not null)
            throw new FailedPreconditionException("La double authentification est déjà active.");
        if (!VerifyTotp(factor, code))
            throw new ValidationFailedException("code", "Code incorrect : saisissez le code à 6 chiffres affiché par votre application.");
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        factor.RecoveryCodeHashes = codes.Select(HashRecoveryCode).ToList();
        factor.ConfirmedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await Record(account.Email, SecurityActions.SecondFactorEnabled, SecurityOutcomes.Succeeded, cancellationToken);
        return codes;
    }

    public async Task RemoveAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        if (RequiredFor(account))
            throw new FailedPreconditionException($"La double authentification est obligatoire pour les comptes {account.Type}.");
        var removed = await db.Set<TotpFactorRecord>().Where(f => f.Email == account.Email).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
            throw new NotFoundException("Aucune double authentification n'est enregistrée.");
        await Record(account.Email, SecurityActions.SecondFactorRemoved, SecurityOutcomes.Succeeded, cancellationToken);
    }

    /// <summary>A current TOTP code (never one already used) or an unused recovery code, which is then spent.</summary>
    public async Task<bool> VerifyAsync(string email, string typed, CancellationToken cancellationToken)
    {
        var factor = await db.Set<TotpFactorRecord>().FirstOrDefaultAsync(f => f.Email == email && f.ConfirmedAt != null, cancellationToken);
        if (factor is null) return false;
        var code = (typed ?? "").Trim().Replace(" ", "");
        if (VerifyTotp(factor, code))
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        var hash = HashRecoveryCode(code);
        if (!factor.RecoveryCodeHashes.Contains(hash)) return false;
        factor.RecoveryCodeHashes = factor.RecoveryCodeHashes.Where(h => h != hash).ToList();
        await db.SaveChangesAsync(cancellationToken);
        await Record(email, SecurityActions.RecoveryCodeUsed, SecurityOutcomes.Succeeded, cancellationToken);
        return true;
    }

    private bool VerifyTotp(TotpFactorRecord factor, string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(secrets.Unprotect(factor.ProtectedSecret)));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
            return false;
        if (step <= factor.LastUsedStep) return false;
        factor.LastUsedStep = step;
        return true;
    }

    // 10 characters from a 32-letter alphabet without look-alikes: 50 bits, plenty for single-use codes behind the throttle.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static string NewRecoveryCode() =>
        string.Concat(Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));

    private static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    private static string QrSvg(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.SvgQRCode(data).GetGraphic(4);
    }

    private Task Record(string email, string action, string outcome, CancellationToken cancellationToken) =>
        events.RecordAsync(new SecurityEvent(email, "person", action, email, outcome), cancellationToken);
}

internal sealed record TotpSetup(string Secret, string OtpauthUri, string QrSvg);
