using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class SearchCriteriaTests
{
    private static SearchCriteria Create(string directory = "regional", string query = "", string type = "", string postalCode = "",
        int pageSize = 0, string pageToken = "", string city = "") =>
        SearchCriteria.Create(directory, query, "", "", postalCode, city, type, pageSize, pageToken);

    private static IEnumerable<string> FieldsRefused(Action action) =>
        Assert.Throws<ValidationFailedException>(action).Violations.Select(v => v.Field);

    [Fact]
    public void Page_size_defaults_to_50_and_accepts_500()
    {
        Assert.Equal(50, Create(pageSize: 0).PageSize);
        Assert.Equal(500, Create(pageSize: 500).PageSize);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public void Page_size_outside_0_to_500_names_page_size(int pageSize) =>
        Assert.Equal(["pageSize"], FieldsRefused(() => Create(pageSize: pageSize)));

    [Theory]
    [InlineData("")]
    [InlineData("annuaire")]
    public void Directory_other_than_regional_or_national_names_directory(string directory) =>
        Assert.Equal(["directory"], FieldsRefused(() => Create(directory: directory)));

    [Fact]
    public void Every_invalid_parameter_is_reported_at_once() =>
        Assert.Equal(["directory", "type", "postalCode", "pageSize"],
            FieldsRefused(() => Create(directory: "x", type: "ABC", postalCode: "3100", pageSize: 1000)));

    [Fact]
    public void Directory_and_type_are_case_insensitive()
    {
        var criteria = Create(directory: "NATIONAL", type: "per");
        Assert.Equal(DirectoryKind.National, criteria.Directory);
        Assert.Equal(["PER", "INT"], criteria.StoredTypes);
    }

    [Fact]
    public void City_is_compared_folded() => Assert.Equal("saint etienne", Create(city: "Saint-Étienne").CityKey);

    [Fact]
    public void A_token_from_the_same_search_is_accepted_whatever_the_page_size()
    {
        var first = Create(query: "martin", pageSize: 10);
        var token = new PageToken(1, "martinez", "paul", "p@x.fr", first.Fingerprint).Encode();

        var next = Create(query: "Martin", pageSize: 20, pageToken: token);

        Assert.Equal(new PageToken(1, "martinez", "paul", "p@x.fr", first.Fingerprint), next.After);
    }

    [Theory]
    [InlineData("national", "martin")]
    [InlineData("regional", "dupont")]
    public void A_token_from_another_search_names_page_token(string directory, string query)
    {
        var token = new PageToken(0, "martin", "paul", "p@x.fr", Create(query: "martin").Fingerprint).Encode();
        Assert.Equal(["pageToken"], FieldsRefused(() => Create(directory: directory, query: query, pageToken: token)));
    }
}
