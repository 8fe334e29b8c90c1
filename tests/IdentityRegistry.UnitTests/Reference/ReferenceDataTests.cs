using Medimail.IdentityRegistry.Domain.Reference;

namespace Medimail.IdentityRegistry.UnitTests.Reference;

public class ReferenceDataTests
{
    private static readonly ReferenceData Data = ReferenceData.Default;

    [Theory]
    [InlineData("Medecin")]
    [InlineData("MÉDECIN")]
    [InlineData("  médecin ")]
    public void Profession_label_lookup_ignores_case_and_accents(string label) =>
        Assert.Equal("10", Data.Professions.FindByLabel(label)?.Code);

    [Fact]
    public void A_spelling_looked_up_again_resolves_as_the_first_time_and_an_unknown_one_stays_unknown()
    {
        // The second look-up of each spelling is answered from the list's memory of spellings, not folded again.
        var list = ReferenceData.Load(name => typeof(ReferenceData).Assembly.GetManifestResourceStream(
            "Medimail.IdentityRegistry.Domain.Reference.Data." + name)!).Professions;
        foreach (var round in new[] { 1, 2 })
        {
            Assert.Equal("10", list.FindByLabel("Médecin")?.Code);
            Assert.Equal("10", list.FindByLabel("MEDECIN")?.Code);
            Assert.Null(list.FindByLabel("Astronaute"));
            Assert.Equal("10", list.Resolve("médecin")?.Code);
        }
    }

    [Fact]
    public void Label_lookup_ignores_the_spaced_hyphen_of_the_source_document() =>
        Assert.Equal("40", Data.Professions.FindByLabel("Chirurgien - dentiste")?.Code);

    [Fact]
    public void Aliases_find_their_profession() =>
        Assert.Equal("70", Data.Professions.Resolve("kinésithérapeute")?.Code);

    [Theory]
    [InlineData("10", Register.Rpps)]
    [InlineData("60", Register.Rpps)]
    [InlineData("93", Register.Adeli)]
    [InlineData("96", Register.Adeli)]
    [InlineData("MM-SEC", Register.None)]
    public void Professions_carry_their_register(string code, Register register) =>
        Assert.Equal(register, Data.Professions.FindByCode(code)!.Register);

    [Fact]
    public void Physician_pharmacist_and_dental_surgeon_need_an_exercise_title_as_int()
    {
        var requiring = Data.Professions.All.Where(p => p.RequiresExerciseTitleForInt).Select(p => p.Code).Order();
        Assert.Equal(["10", "21", "40"], requiring);
    }

    [Fact]
    public void All_departments_are_listed_with_an_existing_region()
    {
        Assert.Equal(101, Data.Departments.All.Count);
        Assert.All(Data.Departments.All, d => Assert.NotNull(Data.Regions.FindByCode(d.RegionCode)));
        Assert.Equal("94", Data.Departments.FindByCode("2a")!.RegionCode);
        Assert.Equal("04", Data.Departments.FindByCode("974")!.RegionCode);
    }

    [Fact]
    public void The_eighteen_regions_are_listed()
    {
        Assert.Equal(18, Data.Regions.All.Count);
        Assert.Equal("76", Data.Regions.FindByLabel("occitanie")?.Code);
        Assert.Equal("11", Data.Regions.FindByLabel("Ile de France")?.Code);
    }

    [Fact]
    public void Specialties_use_national_codes() =>
        Assert.Equal("SM54", Data.Specialties.FindByLabel("Médecine générale")?.Code);

    [Fact]
    public void Lists_are_exposed_by_api_name_with_register_and_region()
    {
        Assert.True(Data.TryGetList("professions", out var professions));
        Assert.Contains(professions, p => p is { Code: "10", Register: "RPPS" });
        Assert.Contains(professions, p => p is { Code: "MM-SEC", Register: "NONE" });
        Assert.True(Data.TryGetList("departments", out var departments));
        Assert.Contains(departments, d => d is { Code: "31", RegionCode: "76" });
        Assert.True(Data.TryGetList("exercise-titles", out var titles));
        Assert.Contains(titles, t => t is { Code: "DR", Label: "Docteur" });
        Assert.All(ReferenceListNames.All, name => Assert.True(Data.TryGetList(name, out var items) && items.Count > 0));
    }

    [Fact]
    public void Unknown_list_name_is_not_found() => Assert.False(Data.TryGetList("cities", out _));

    [Fact]
    public void Data_with_a_duplicate_code_is_refused() =>
        Assert.Throws<InvalidDataException>(() => new ReferenceList<Region>("regions",
            [new Region("76", "Occitanie", []), new Region("76", "Autre", [])]));
}
