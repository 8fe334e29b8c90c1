using Medimail.Identity.V1;

namespace Medimail.Testing;

/// <summary>Self-registrations of shared boxes (« Inscription d'une BAL organisationnelle »), sent anonymously as the /inscription page does.</summary>
public static class Registrations
{
    public const string Password = "Correct-cheval-pile-agrafe-31";

    /// <summary>A pharmacy's shared box (SIRET of its own), its responsible pharmacist (RPPS) and one secretary to create.</summary>
    public static RegisterRequest NewRequest()
    {
        var box = Accounts.Org("ignored@test.medimail.fr", Unique.Email("pharmacie.centre"));
        box.ConnectionAccounts.Clear();
        box.MssanteParticle = "";
        box.LastName = "Pharmacie";
        box.FirstName = "Du Centre " + Unique.Suffix();
        box.LegalName = "SELARL Pharmacie du Centre";
        box.StructureIdentifier = Accounts.RandomSiret();
        box.Responsible.Profession = "21";
        var secretary = Accounts.Med(Unique.Email("secretariat.pharmacie"));
        return new RegisterRequest
        {
            Box = box,
            NewAccounts = { new NewAccount { Account = secretary, Password = Password } },
            RequestId = Guid.NewGuid().ToString(),
        };
    }

    /// <summary>Sends <paramref name="request"/> through the gateway without a token, as the public form does.</summary>
    public static async Task<Registration> RegisterAsync(RegisterRequest request)
    {
        using var anonymous = Channels.Create(TestEnvironment.GatewayGrpcUrl, null);
        return await new RegistrationService.RegistrationServiceClient(anonymous).RegisterAsync(request);
    }
}
