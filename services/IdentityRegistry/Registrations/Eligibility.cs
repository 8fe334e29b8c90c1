using Medimail.IdentityRegistry.Domain.Identifiers;
using Medimail.IdentityRegistry.Domain.Reference;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.IdentityRegistry.Registrations;

/// <summary>
/// Seed 002, "je vérifie l'éligibilité du professionnel responsable": case 1, a profession of the RPPS register with an
/// RPPS number; case 2, a profession of the ADELI register with an ADELI number (nurses, listed in case 2 by the seed
/// and registered in the RPPS today, may give either). Anything else is refused with the reason.
/// </summary>
internal static class Eligibility
{
    private const string NurseCode = "60";

    public static IEnumerable<FieldViolation> Check(ReferenceData reference, string? professionCode, string? identifier)
    {
        var profession = string.IsNullOrWhiteSpace(professionCode) ? null
            : reference.Professions.FindByCode(professionCode.Trim()) ?? reference.Professions.FindByLabel(professionCode.Trim());
        var id = (identifier ?? "").Trim();
        if (profession is null)
        {
            yield return new FieldViolation("box.responsible.profession",
                "Indiquez la profession du professionnel responsable : seuls les professionnels inscrits au RPPS ou à l'ADELI peuvent ouvrir une BAL partagée.");
            yield break;
        }
        var isRpps = DigitString.IsDigits(id, Rpps.Length);
        var isAdeli = DigitString.IsDigits(id, Adeli.Length);
        switch (profession.Register)
        {
            case Register.None:
                yield return new FieldViolation("box.responsible.profession",
                    $"Le responsable n'est pas éligible : la profession « {profession.Label} » n'est inscrite ni au RPPS ni à l'ADELI. Le responsable doit être un professionnel de santé disposant d'un numéro RPPS ou ADELI.");
                break;
            case Register.Rpps when profession.Code == NurseCode && (isRpps || isAdeli):
                break;
            case Register.Rpps when !isRpps:
                yield return new FieldViolation("box.responsible.identifier",
                    $"Le responsable n'est pas éligible : un(e) {profession.Label.ToLowerInvariant()} s'inscrit avec son numéro RPPS (11 chiffres).");
                break;
            case Register.Adeli when !isAdeli:
                yield return new FieldViolation("box.responsible.identifier",
                    $"Le responsable n'est pas éligible : un(e) {profession.Label.ToLowerInvariant()} s'inscrit avec son numéro ADELI (9 chiffres).");
                break;
        }
    }
}
