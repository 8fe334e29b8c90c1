using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class MedRulesTests
{
    [Fact]
    public void Med_with_an_mssante_particle_is_rejected_on_mssante_particle()
    {
        var error = Expect.ErrorOn(Drafts.Validate(Drafts.Med with { MssanteParticle = "sophie.bernard" }), AccountFields.MssanteParticle);
        Assert.Contains("MED", error.Message);
    }

    [Fact]
    public void Med_with_an_rpps_is_rejected_on_rpps() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Rpps = Drafts.Rpps }), AccountFields.Rpps);

    [Fact]
    public void Med_with_an_adeli_is_rejected_on_adeli() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Adeli = "319876543" }), AccountFields.Adeli);

    [Fact]
    public void Med_with_connection_accounts_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { ConnectionAccounts = [Drafts.ExistingPerson] }), AccountFields.ConnectionAccounts);

    [Fact]
    public void Med_may_have_an_apicrypt_particle() =>
        Expect.Valid(Drafts.Validate(Drafts.Med with { ApicryptParticle = "sbernard", ApicryptSpecialty = "Secrétariat" }));
}
