using Medimail.IdentityRegistry.Domain.Accounts;
using Medimail.IdentityRegistry.UnitTests.Support;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class CommonRulesTests
{
    [Fact]
    public void Missing_email_is_rejected_on_email() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Email = "" }), AccountFields.Email);

    [Fact]
    public void Malformed_email_is_rejected_on_email() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Email = "sophie.bernard@chu" }), AccountFields.Email);

    [Fact]
    public void Missing_last_name_is_rejected_on_last_name() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { LastName = null }), AccountFields.LastName);

    [Fact]
    public void Missing_profession_is_rejected_on_profession() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Profession = null }), AccountFields.Profession);

    [Fact]
    public void Unknown_profession_is_rejected_on_profession() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Med with { Profession = "Astronaute" }), AccountFields.Profession);

    [Fact]
    public void Profession_given_by_label_is_accepted() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { Profession = "Medecin" }));

    [Fact]
    public void Unknown_specialty_is_rejected_on_specialty() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Specialty = "SM99" }), AccountFields.Specialty);

    [Fact]
    public void Missing_independent_practice_is_rejected_on_independent_practice() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { IndependentPractice = null }), AccountFields.IndependentPractice);

    [Fact]
    public void Phone_with_dots_is_rejected_on_phone1() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Phone1 = "05.61.00.00.00" }), AccountFields.Phone1);

    [Fact]
    public void Phone_with_spaces_is_rejected_on_phone2() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Phone2 = "05 61 00 00 00" }), AccountFields.Phone2);

    [Fact]
    public void Postcode_of_four_digits_is_rejected_on_postal_code() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { PostalCode = "3100" } }), AccountFields.PostalCode);

    [Fact]
    public void Postcode_of_another_department_is_rejected_on_postal_code()
    {
        var error = Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { PostalCode = "75001" } }),
            AccountFields.PostalCode);
        Assert.Contains("31", error.Message);
    }

    [Fact]
    public void Corsican_postcode_matches_2a() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with
        {
            Address = new AddressDraft { PostalCode = "20000", City = "AJACCIO", DepartmentCode = "2A", RegionCode = "94" },
        }));

    [Fact]
    public void Overseas_postcode_matches_its_three_digit_department() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with
        {
            Address = new AddressDraft { PostalCode = "97400", City = "SAINT-DENIS", DepartmentCode = "974", RegionCode = "04" },
        }));

    [Fact]
    public void Department_not_in_the_region_is_rejected_on_region_code()
    {
        var error = Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { RegionCode = "11" } }),
            AccountFields.RegionCode);
        Assert.Contains("76", error.Message);
    }

    [Fact]
    public void Unknown_department_is_rejected_on_department_code() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { DepartmentCode = "99" } }), AccountFields.DepartmentCode);

    [Fact]
    public void Unknown_region_is_rejected_on_region_code() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { RegionCode = "99" } }), AccountFields.RegionCode);

    [Fact]
    public void Missing_city_is_rejected_on_city() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { City = null } }), AccountFields.City);

    [Fact]
    public void Missing_department_and_region_are_rejected_on_both()
    {
        var result = Drafts.Validate(Drafts.Per with { Address = Drafts.Toulouse with { DepartmentCode = null, RegionCode = null } });
        Expect.ErrorOn(result, AccountFields.DepartmentCode);
        Expect.ErrorOn(result, AccountFields.RegionCode);
    }

    [Fact]
    public void Service_unit_other_than_sidepe_is_rejected_on_service_unit() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ServiceUnit = "Cardiologie" }), AccountFields.ServiceUnit);

    [Fact]
    public void Service_unit_sidepe_is_accepted_in_any_case() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { ServiceUnit = "@sidepe" }));

    [Fact]
    public void Mssante_particle_with_a_domain_is_rejected_on_mssante_particle() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { MssanteParticle = "jean.dupont@chu.mssante.fr" }), AccountFields.MssanteParticle);

    [Fact]
    public void Mssante_particle_with_forbidden_characters_is_rejected() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { MssanteParticle = "jean dupont" }), AccountFields.MssanteParticle);

    [Fact]
    public void Apicrypt_particle_without_apicrypt_specialty_is_rejected_on_apicrypt_specialty() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ApicryptParticle = "jdupont" }), AccountFields.ApicryptSpecialty);

    [Fact]
    public void Expiry_date_in_the_past_is_rejected_on_expires_on() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ExpiresOn = "2026-03-15" }), AccountFields.ExpiresOn);

    [Fact]
    public void Expiry_date_in_another_format_is_rejected_on_expires_on() =>
        Expect.ErrorOn(Drafts.Validate(Drafts.Per with { ExpiresOn = "31/01/2027" }), AccountFields.ExpiresOn);

    [Fact]
    public void Expiry_date_tomorrow_is_accepted() =>
        Expect.Valid(Drafts.Validate(Drafts.Per with { ExpiresOn = "2026-03-16" }));

    [Fact]
    public void Expiry_date_of_the_file_format_aa_mm_jj_is_accepted_and_widened()
    {
        Expect.Valid(Drafts.Validate(Drafts.Per with { ExpiresOn = "27-01-31" }));
        Assert.Equal("2027-01-31", Drafts.Rules.Normalize(Drafts.Per with { ExpiresOn = "27-01-31" }).ExpiresOn);
    }
}
