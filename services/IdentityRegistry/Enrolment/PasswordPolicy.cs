using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Enrolment;

/// <summary>
/// The rules a person's password follows (ANSSI and NIST SP 800-63B: length over composition rules, and a
/// deny-list). <see cref="Descriptions"/> states them in words; they travel in GetEnrolment's answer, so the gateway's
/// enrolment page shows exactly what is checked here.
/// </summary>
public sealed class PasswordPolicy(CommonPasswords common)
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const string Field = "password";

    /// <summary>The rules in words, one fragment each, as the enrolment page lists them.</summary>
    public static readonly IReadOnlyList<string> Descriptions =
    [
        $"au moins {MinLength} caractères et au plus {MaxLength} ;",
        "pas un mot de passe courant (« motdepasse2024 », « azerty123456 »…) ;",
        "ne contient pas votre adresse de messagerie.",
    ];

    /// <returns>The violations, on the <c>password</c> field; empty when the password is acceptable.</returns>
    public IReadOnlyList<FieldViolation> Check(string? password, string email)
    {
        password ??= "";
        // Characters as people count them (an emoji or an accented letter is one), not UTF-16 code units.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
            return [new(Field, $"Le mot de passe doit contenir au moins {MinLength} caractères.")];
        if (length > MaxLength)
            return [new(Field, $"Le mot de passe doit contenir au plus {MaxLength} caractères.")];
        if (common.Contains(password))
            return [new(Field, "Ce mot de passe fait partie des plus courants : choisissez-en un autre.")];
        if (ContainsAddress(password, email))
            return [new(Field, "Le mot de passe ne doit pas contenir votre adresse de messagerie.")];
        return [];
    }

    /// <summary>The whole address, or its local part when long enough to be a real hint (jean.dupont, not "jd").</summary>
    private static bool ContainsAddress(string password, string email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return false;
        if (password.Contains(email, StringComparison.OrdinalIgnoreCase))
            return true;
        var at = email.IndexOf('@');
        var local = at > 0 ? email[..at] : email;
        return local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }
}
